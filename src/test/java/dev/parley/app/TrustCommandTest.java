package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./parley trust}: the CA it makes, and what it tells a user to do with it. */
@NoStore
class TrustCommandTest {
  @TempDir Path data;

  @Test
  void makes_the_ca_and_names_it_for_node_and_java() {
    TokenCommandTest.Run run = TokenCommandTest.parley("trust", "--data-dir", data.toString());

    Path ca = data.resolve("twilio-hosts").resolve("ca.pem").toAbsolutePath();
    assertThat(run.exitCode()).isZero();
    assertThat(Files.isRegularFile(ca)).isTrue();
    assertThat(run.out())
        .contains("Made Parley's local CA: " + ca)
        .contains("export NODE_EXTRA_CA_CERTS=" + ca)
        .contains(
            "-Djavax.net.ssl.trustStore="
                + data.resolve("twilio-hosts").resolve("ca-truststore.p12").toAbsolutePath())
        .contains("./parley serve --twilio-hosts");
  }

  @Test
  void a_second_run_keeps_the_ca() throws Exception {
    TokenCommandTest.parley("trust", "--data-dir", data.toString());
    byte[] first = Files.readAllBytes(data.resolve("twilio-hosts").resolve("ca.pem"));

    TokenCommandTest.Run again = TokenCommandTest.parley("trust", "--data-dir", data.toString());

    assertThat(again.out()).contains("Parley's local CA: ").doesNotContain("Made Parley's");
    assertThat(Files.readAllBytes(data.resolve("twilio-hosts").resolve("ca.pem"))).isEqualTo(first);
  }

  @Test
  void names_every_served_hostname_for_the_hosts_file_and_docker() {
    String text =
        TrustCommand.text(
            LocalAuthority.ensure(data, Clock.systemUTC()),
            443,
            TrustCommand.Platform.DEBIAN,
            "/usr/bin/java");

    assertThat(text)
        .contains(
            "127.0.0.1 api.twilio.com conversations.twilio.com flex-api.twilio.com"
                + " tsock.us1.twilio.com mcs.us1.twilio.com aim.us1.twilio.com cds.us1.twilio.com")
        .contains("- \"tsock.us1.twilio.com:host-gateway\"")
        .contains("--host-resolver-rules=\"MAP *.twilio.com 127.0.0.1\"")
        .contains("sudo setcap cap_net_bind_service=+ep /usr/bin/java")
        .contains("update-ca-certificates");
  }

  @Test
  void another_port_is_named_where_a_hosts_file_cannot_map_it() {
    LocalAuthority.Issued issued = LocalAuthority.ensure(data, Clock.systemUTC());

    String text = TrustCommand.text(issued, 8443, TrustCommand.Platform.MAC, "java");

    assertThat(text)
        .contains("./parley serve --twilio-hosts --twilio-hosts-port 8443")
        .contains("MAP *.twilio.com 127.0.0.1:8443")
        .contains("--to-ports 8443")
        .contains("security add-trusted-cert")
        .contains("--ignore-certificate-errors-spki-list=" + TrustCommand.spki(issued))
        .doesNotContain("setcap");
  }
}
