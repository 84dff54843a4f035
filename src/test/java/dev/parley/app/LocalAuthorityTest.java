package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.http.TwilioHosts;
import dev.parley.testing.NoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Twilio host mode's local CA and server certificate: what they say, where they live, reuse. */
@NoStore
class LocalAuthorityTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path data;

  @Test
  void the_server_certificate_names_twilios_hostnames_and_is_for_servers_only() throws Exception {
    X509Certificate server = LocalAuthority.ensure(data, CLOCK).server();

    assertThat(LocalAuthority.namesOf(server))
        .containsExactlyInAnyOrderElementsOf(TwilioHosts.certificateNames())
        .contains("*.twilio.com", "*.us1.twilio.com", "*.ashburn.us1.twilio.com");
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(server.getKeyUsage()[5]).as("keyCertSign").isFalse();
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(server.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
  }

  @Test
  void the_server_certificate_lasts_as_long_as_browsers_accept() throws Exception {
    X509Certificate server = LocalAuthority.ensure(data, CLOCK).server();

    assertThat(server.getNotBefore().toInstant()).isBefore(NOW);
    assertThat(
            Duration.between(server.getNotBefore().toInstant(), server.getNotAfter().toInstant()))
        .isLessThanOrEqualTo(Duration.ofDays(398));
    server.checkValidity(Date.from(NOW.plus(Duration.ofDays(396))));
  }

  @Test
  void the_ca_signs_certificates_only_and_only_for_twilio_names() throws Exception {
    X509Certificate ca = LocalAuthority.ensure(data, CLOCK).ca();

    assertThat(ca.getBasicConstraints()).isEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(ca.getKeyUsage()[0]).as("digitalSignature").isFalse();
    assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.30");
    ca.checkValidity(Date.from(NOW.plus(Duration.ofDays(3000))));
  }

  @Test
  void the_chain_validates_against_the_ca_and_the_java_trust_store_holds_it() throws Exception {
    LocalAuthority.Issued issued = LocalAuthority.ensure(data, CLOCK);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(issued.trustStore())) {
      store.load(in, LocalAuthority.TRUST_STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);

    PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(issued.ca(), null)));
    pkix.setRevocationEnabled(false);
    pkix.setDate(Date.from(NOW));
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(issued.server())),
            pkix);
    X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
    assertThat(trust.getAcceptedIssuers()).containsExactly(issued.ca());
  }

  @Test
  void a_restart_reuses_the_ca_and_the_server_certificate() {
    LocalAuthority.Issued first = LocalAuthority.ensure(data, CLOCK);

    LocalAuthority.Issued again = LocalAuthority.ensure(data, CLOCK);

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.ca()).isEqualTo(first.ca());
    assertThat(again.server()).isEqualTo(first.server());
    assertThat(again.serverKey()).isEqualTo(first.serverKey());
  }

  @Test
  void a_server_certificate_near_its_end_is_renewed_under_the_same_ca() {
    LocalAuthority.Issued first = LocalAuthority.ensure(data, CLOCK);
    Clock later = Clock.fixed(NOW.plus(Duration.ofDays(380)), ZoneOffset.UTC);

    LocalAuthority.Issued renewed = LocalAuthority.ensure(data, later);

    assertThat(renewed.ca()).isEqualTo(first.ca());
    assertThat(renewed.server()).isNotEqualTo(first.server());
    assertThat(renewed.server().getNotAfter()).isAfter(first.server().getNotAfter());
  }

  @Test
  void a_damaged_server_certificate_is_replaced() throws IOException {
    LocalAuthority.Issued first = LocalAuthority.ensure(data, CLOCK);
    Files.writeString(first.directory().resolve(LocalAuthority.SERVER_CERT), "not a certificate");

    LocalAuthority.Issued again = LocalAuthority.ensure(data, CLOCK);

    assertThat(again.ca()).isEqualTo(first.ca());
    assertThat(again.server()).isNotEqualTo(first.server());
    assertThat(
            LocalAuthority.readCertificate(first.directory().resolve(LocalAuthority.SERVER_CERT)))
        .isEqualTo(again.server());
  }

  @Test
  void the_files_are_owner_only() throws IOException {
    Path dir = LocalAuthority.ensure(data, CLOCK).directory();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(LocalAuthority.FILES);
    }
    for (String name : LocalAuthority.FILES) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
          .as(name)
          .isEqualTo("rw-------");
    }
  }
}
