package dev.parley.app;

import dev.parley.http.TwilioHosts;
import dev.parley.store.sql.OwnerOnlyFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio host mode's local certificate authority (docs/twilio-hosts.md): on first use, a CA and a
 * server certificate for Twilio's hostnames ({@link TwilioHosts#certificateNames}) in {@code
 * <data-dir>/twilio-hosts/}, owner-only, made with Bouncy Castle; reused while they are valid. The
 * CA may only sign names under {@code twilio.com} (a critical name constraint), so trusting it
 * vouches for nothing else should its key ever leak. Neither key leaves the machine.
 */
final class LocalAuthority {
  private static final Logger log = LoggerFactory.getLogger(LocalAuthority.class);

  static final String DIRECTORY = "twilio-hosts";
  static final String CA_CERT = "ca.pem";
  static final String CA_KEY = "ca-key.pem";
  static final String SERVER_CERT = "server.pem";
  static final String SERVER_KEY = "server-key.pem";
  static final String TRUST_STORE = "ca-truststore.p12";
  static final List<String> FILES = List.of(CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY, TRUST_STORE);

  /** The trust store's password: it holds only the public CA certificate, so it guards nothing. */
  static final String TRUST_STORE_PASSWORD = "changeit";

  static final Duration CA_VALIDITY = Duration.ofDays(3650);

  /** What browsers accept of a server certificate (CA/Browser Forum, at most 398 days). */
  static final Duration SERVER_VALIDITY = Duration.ofDays(397);

  /** A certificate closer than this to its end is replaced at the next start. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The CA and the server certificate it signed, with their keys. */
  record Issued(
      Path directory,
      X509Certificate ca,
      X509Certificate server,
      PrivateKey serverKey,
      boolean created) {
    Path caFile() {
      return directory.resolve(CA_CERT);
    }

    Path trustStore() {
      return directory.resolve(TRUST_STORE);
    }

    /** The server key and its chain as PKCS#12 bytes under {@code password}, for the listener. */
    byte[] keyStore(char[] password) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", serverKey, password, new X509Certificate[] {server, ca});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot build the TLS key store", e);
      }
    }
  }

  private LocalAuthority() {}

  /** The CA and server certificate in {@code dataDir}, made or renewed as needed. */
  static Issued ensure(Path dataDir, Clock clock) {
    Path dir = dataDir.resolve(DIRECTORY);
    OwnerOnlyFiles.directory(dataDir);
    OwnerOnlyFiles.directory(dir);
    Instant now = clock.instant();
    try {
      X509Certificate ca = readCertificate(dir.resolve(CA_CERT));
      PrivateKey caKey = readKey(dir.resolve(CA_KEY));
      boolean created = false;
      if (ca == null || caKey == null || !fresh(ca, now) || !pairs(ca, caKey)) {
        KeyPair keys = newKeys();
        ca = authority(keys, now);
        caKey = keys.getPrivate();
        writeOwnerOnly(dir.resolve(CA_KEY), pem(caKey));
        writeOwnerOnly(dir.resolve(CA_CERT), pem(ca));
        writeOwnerOnly(dir.resolve(TRUST_STORE), trustStore(ca));
        created = true;
        log.info("event=twilio_hosts_ca_created file={}", dir.resolve(CA_CERT));
      } else if (!Files.isRegularFile(dir.resolve(TRUST_STORE))) {
        writeOwnerOnly(dir.resolve(TRUST_STORE), trustStore(ca));
      }
      X509Certificate server = readCertificate(dir.resolve(SERVER_CERT));
      PrivateKey serverKey = readKey(dir.resolve(SERVER_KEY));
      if (created
          || server == null
          || serverKey == null
          || !fresh(server, now)
          || !pairs(server, serverKey)
          || !signedBy(server, ca)
          || !namesOf(server).equals(new HashSet<>(TwilioHosts.certificateNames()))) {
        KeyPair keys = newKeys();
        server = serverCertificate(keys.getPublic(), ca, caKey, now);
        serverKey = keys.getPrivate();
        writeOwnerOnly(dir.resolve(SERVER_KEY), pem(serverKey));
        writeOwnerOnly(dir.resolve(SERVER_CERT), pem(server) + pem(ca));
        log.info(
            "event=twilio_hosts_certificate_issued file={} not_after={}",
            dir.resolve(SERVER_CERT),
            server.getNotAfter().toInstant());
      }
      OwnerOnlyFiles.directory(dir);
      return new Issued(dir, ca, server, serverKey, created);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the Twilio host mode certificates", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the Twilio host mode certificates in " + dir, e);
    }
  }

  private static X509Certificate authority(KeyPair keys, Instant now)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name name =
        new X500Name("CN=Parley local CA for Twilio host mode " + serialHex() + ",O=Parley");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name, serial(), start(now), Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            extensions.createSubjectKeyIdentifier(keys.getPublic()))
        .addExtension(
            Extension.nameConstraints,
            true,
            new NameConstraints(
                new GeneralSubtree[] {
                  new GeneralSubtree(new GeneralName(GeneralName.dNSName, TwilioHosts.DOMAIN))
                },
                null));
    return sign(builder, keys.getPrivate());
  }

  private static X509Certificate serverCertificate(
      PublicKey key, X509Certificate ca, PrivateKey caKey, Instant now)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    List<String> names = TwilioHosts.certificateNames();
    GeneralName[] alternatives = new GeneralName[names.size()];
    for (int i = 0; i < names.size(); i++) {
      alternatives[i] = new GeneralName(GeneralName.dNSName, names.get(i));
    }
    Instant end = now.plus(SERVER_VALIDITY);
    if (end.isAfter(ca.getNotAfter().toInstant())) {
      end = ca.getNotAfter().toInstant();
    }
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca, serial(), start(now), Date.from(end), new X500Name("CN=" + names.get(0)), key);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives))
        .addExtension(
            Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
        .addExtension(
            Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
    return sign(builder, caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** An hour back, so a client whose clock is a little behind accepts it at once. */
  private static Date start(Instant now) {
    return Date.from(now.minus(Duration.ofHours(1)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static String serialHex() {
    return Long.toHexString(RANDOM.nextLong() >>> 16);
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static boolean fresh(X509Certificate certificate, Instant now) {
    return certificate.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))
        && !certificate.getNotBefore().toInstant().isAfter(now);
  }

  /** Whether {@code key} is the private half of {@code certificate}'s key. */
  private static boolean pairs(X509Certificate certificate, PrivateKey key) {
    try {
      var signer = java.security.Signature.getInstance(SIGNATURE);
      signer.initSign(key);
      byte[] probe = "parley".getBytes(StandardCharsets.UTF_8);
      signer.update(probe);
      byte[] signature = signer.sign();
      var verifier = java.security.Signature.getInstance(SIGNATURE);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
    try {
      certificate.verify(ca.getPublicKey());
      return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The DNS names of {@code certificate}'s subject alternative names. */
  static HashSet<String> namesOf(X509Certificate certificate) {
    HashSet<String> names = new HashSet<>();
    try {
      var alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          if (((Integer) entry.get(0)) == GeneralName.dNSName) {
            names.add((String) entry.get(1));
          }
        }
      }
    } catch (GeneralSecurityException e) {
      return new HashSet<>();
    }
    return names;
  }

  private static byte[] trustStore(X509Certificate ca)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("parley-twilio-hosts-ca", ca);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, TRUST_STORE_PASSWORD.toCharArray());
    return out.toByteArray();
  }

  /** A certificate from its PEM file; null when missing or unreadable (it is then made anew). */
  static X509Certificate readCertificate(Path file) {
    Object read = readPem(file);
    if (!(read instanceof X509CertificateHolder holder)) {
      return null;
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  private static PrivateKey readKey(Path file) {
    Object read = readPem(file);
    if (!(read instanceof PrivateKeyInfo info)) {
      return null;
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException e) {
      return null;
    }
  }

  private static Object readPem(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      log.warn("event=twilio_hosts_file_unreadable file={} reason={}", file, e.toString());
      return null;
    }
  }

  private static String pem(Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(
          value instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : value);
    }
    return text.toString();
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    writeOwnerOnly(file, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Replaces {@code file} in one step with an owner-only (0600) one, whatever the umask. */
  private static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(temp);
    }
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
