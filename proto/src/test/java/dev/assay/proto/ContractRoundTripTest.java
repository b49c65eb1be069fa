package dev.assay.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentProto;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of the agent contract survives a round trip through the wire format and through JSON
 * with every field set, so a field that cannot be carried (a wrong type, a clash) shows up here first.
 */
class ContractRoundTripTest {

    static Stream<Descriptor> everyMessage() {
        return AgentProto.getDescriptor().getMessageTypes().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessage")
    void everyFieldSurvivesTheWireAndJson(Descriptor type) throws Exception {
        Message full = Messages.filled(type);

        assertThat(full.getAllFields()).as("every field of %s is set", type.getName())
                .hasSize(Messages.settableFieldCount(type));

        Message fromWire = full.getParserForType().parseFrom(full.toByteArray());
        assertThat(fromWire).isEqualTo(full);

        String json = JsonFormat.printer().print(full);
        Message.Builder fromJson = full.newBuilderForType();
        JsonFormat.parser().merge(json, fromJson);
        assertThat(fromJson.build()).isEqualTo(full);
    }

    @Test
    void theStreamEnvelopesCoverEveryStreamMessage() {
        List<String> agentToMarket = AgentMessage.getDescriptor().getOneofs().getFirst().getFields().stream()
                .map(f -> f.getMessageType().getName()).toList();
        List<String> marketToAgent = MarketplaceMessage.getDescriptor().getOneofs().getFirst().getFields().stream()
                .map(f -> f.getMessageType().getName()).toList();

        assertThat(agentToMarket).containsExactlyInAnyOrder(
                "Hello", "Heartbeat", "BenchmarkReport", "PodEvent", "ChallengeResponse", "CertificateRenewal");
        assertThat(marketToAgent).containsExactlyInAnyOrder(
                "Welcome", "StartPod", "StopPod", "RunBenchmark", "Challenge", "Drain", "ChallengeRowsRequest", "CertificateIssued",
                "HeartbeatAck");
    }

    @Test
    void anUnknownFieldFromANewerPeerIsKeptNotFatal() throws Exception {
        byte[] withExtraField = AgentMessage.newBuilder()
                .setHeartbeat(dev.assay.proto.agent.v1.Heartbeat.newBuilder().setSequence(7))
                .build().toByteString()
                .concat(ByteString.copyFrom(new byte[] {(byte) 0xB8, 0x3E, 0x01})) // field 999, varint 1
                .toByteArray();

        AgentMessage parsed = AgentMessage.parseFrom(withExtraField);

        assertThat(parsed.getHeartbeat().getSequence()).isEqualTo(7);
        assertThat(parsed.getUnknownFields().hasField(999)).isTrue();
    }

    /** Builds messages with every field set to a value that differs from its default. */
    static final class Messages {
        private Messages() {}

        static int settableFieldCount(Descriptor type) {
            // Of each oneof only one member can be set at a time; filled() sets the first.
            int oneofMembers = type.getRealOneofs().stream().mapToInt(o -> o.getFieldCount() - 1).sum();
            return type.getFields().size() - oneofMembers;
        }

        static Message filled(Descriptor type) throws Exception {
            Class<?> generated = Class.forName(
                    type.getFile().getOptions().getJavaPackage() + "." + type.getName());
            Message.Builder builder = (Message.Builder) generated.getMethod("newBuilder").invoke(null);
            return fill(builder, 1).build();
        }

        private static Message.Builder fill(Message.Builder builder, int depth) {
            for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
                if (field.getRealContainingOneof() != null
                        && field.getRealContainingOneof().getField(0) != field) {
                    continue;
                }
                if (field.isMapField()) {
                    Message.Builder entry = builder.newBuilderForField(field);
                    fill(entry, depth + 1);
                    builder.addRepeatedField(field, entry.build());
                } else if (field.isRepeated()) {
                    builder.addRepeatedField(field, sample(builder, field, depth));
                    builder.addRepeatedField(field, sample(builder, field, depth + 1));
                } else {
                    builder.setField(field, sample(builder, field, depth));
                }
            }
            return builder;
        }

        private static Object sample(Message.Builder owner, FieldDescriptor field, int depth) {
            return switch (field.getJavaType()) {
                case INT -> field.getNumber() + depth;
                case LONG -> 1_700_000_000L + field.getNumber() + depth; // also a valid Timestamp second
                case FLOAT -> 1.5f + depth;
                case DOUBLE -> 2.25 + depth;
                case BOOLEAN -> true;
                case STRING -> field.getName() + "-" + depth;
                case BYTE_STRING -> ByteString.copyFromUtf8(field.getName() + depth);
                case ENUM -> field.getEnumType().getValues().get(1);
                case MESSAGE -> fill(owner.newBuilderForField(field), depth + 1).build();
            };
        }
    }
}
