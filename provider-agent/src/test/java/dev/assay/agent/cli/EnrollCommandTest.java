package dev.assay.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enroll}'s answers that need no marketplace; the enrollment itself runs in the interop module. */
class EnrollCommandTest {

    @TempDir
    Path dir;

    private final AgentRun cli = new AgentRun();

    @Test
    void aMissingTokenIsRefusedBeforeAnythingIsSent() {
        int exit = cli.run("enroll", "--marketplace", "localhost:1", "--ca-cert", dir.resolve("ca.pem").toString(),
                "--token", " ", "--state-dir", dir.resolve("state").toString());

        assertThat(exit).isEqualTo(EnrollCommand.REFUSED);
        assertThat(cli.err()).contains("no token");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aMachineAlreadyEnrolledIsNotEnrolledAgain() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state").resolve("host-id"), "hst_existing\n");

        int exit = cli.run("enroll", "--marketplace", "localhost:1", "--ca-cert", dir.resolve("ca.pem").toString(),
                "--token", "assay_enroll_x", "--state-dir", dir.resolve("state").toString());

        assertThat(exit).isEqualTo(EnrollCommand.LOCAL);
        assertThat(cli.err()).contains("already holds an identity");
        assertThat(Files.readString(dir.resolve("state").resolve("host-id"))).isEqualTo("hst_existing\n");
    }

    @Test
    void anUnreadableCaCertificateIsNamed() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        int exit = cli.run("enroll", "--marketplace", "localhost:1", "--ca-cert", dir.resolve("ca.pem").toString(),
                "--token", "assay_enroll_x", "--state-dir", dir.resolve("state").toString());

        assertThat(exit).isEqualTo(EnrollCommand.LOCAL);
        assertThat(cli.err()).contains("cannot read --ca-cert").doesNotContain("Exception");
    }

    @Test
    void theMarketplaceMustBeHostAndPort() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, new SelfSignedCa().pem());

        int exit = cli.run("enroll", "--marketplace", "no-port-here", "--ca-cert", ca.toString(),
                "--token", "assay_enroll_x", "--state-dir", dir.resolve("state").toString());

        assertThat(exit).isEqualTo(EnrollCommand.REFUSED);
        assertThat(cli.err()).contains("host:port");
    }

    @Test
    void helpListsEnroll() {
        cli.run("--help");

        assertThat(cli.out()).contains("enroll");
    }
}
