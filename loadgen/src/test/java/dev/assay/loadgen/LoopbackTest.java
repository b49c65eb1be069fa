package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void acceptsThisMachine() {
        assertThatCode(() -> Loopback.require("127.0.0.1", "--api")).doesNotThrowAnyException();
        assertThatCode(() -> Loopback.require("localhost", "--api")).doesNotThrowAnyException();
        assertThatCode(() -> Loopback.require("::1", "--grpc")).doesNotThrowAnyException();
    }

    @Test
    void refusesAnyOtherAddress() {
        assertThatThrownBy(() -> Loopback.require("192.0.2.10", "--grpc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--grpc must be on this machine");
    }
}
