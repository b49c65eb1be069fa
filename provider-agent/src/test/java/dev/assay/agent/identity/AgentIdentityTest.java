package dev.assay.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.agent.cli.SelfSignedCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentIdentityTest {

    @TempDir
    Path dir;

    @Test
    void anIdentityIsKeptAndReadBackWithItsKeyOwnerReadableOnly() throws Exception {
        SelfSignedCa ca = new SelfSignedCa();
        AgentIdentity identity = new AgentIdentity("hst_0123456789abcdefghjkmnpqrs", ca.key.getPrivate(),
                List.of(ca.certificate), List.of(ca.certificate), ca.certificate.getNotAfter().toInstant());

        identity.saveTo(dir);
        AgentIdentity read = AgentIdentity.loadFrom(dir);

        assertThat(AgentIdentity.existsIn(dir)).isTrue();
        assertThat(read.hostId()).isEqualTo(identity.hostId());
        assertThat(read.key()).isEqualTo(ca.key.getPrivate());
        assertThat(read.chain()).containsExactly(ca.certificate);
        assertThat(read.trust()).containsExactly(ca.certificate);
        assertThat(read.notAfter()).isEqualTo(identity.notAfter());
        assertThat(Files.getPosixFilePermissions(dir.resolve(AgentIdentity.KEY)).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
