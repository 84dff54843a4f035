package dev.parley.app;

import dev.parley.http.TwilioHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./parley trust}: makes Twilio host mode's local CA when there is none yet, and prints what
 * to do on this machine for clients to reach Parley as Twilio's hostnames (docs/twilio-hosts.md):
 * the names to map, and how Node, Java, Chromium and the system store trust the CA.
 */
@Command(
    name = "trust",
    mixinStandardHelpOptions = true,
    description = {
      "Print how to use Twilio host mode on this machine: the local CA to trust (made in the data"
          + " directory when missing) and the hostnames to send to Parley."
    })
final class TrustCommand implements Runnable {
  @Option(
      names = "--data-dir",
      defaultValue = "${env:PARLEY_DATA_DIR:-./data}",
      description = "Data directory of the server (env PARLEY_DATA_DIR, default ./data).")
  Path dataDir;

  @Option(
      names = "--twilio-hosts-port",
      description =
          "Host mode's TLS port (default: the one the server on this data directory listens on, else"
              + " env PARLEY_TWILIO_HOSTS_PORT, else 443).")
  Integer port;

  /** The operating system families whose commands differ. */
  enum Platform {
    DEBIAN,
    FEDORA,
    LINUX,
    MAC,
    WINDOWS;

    static Platform current() {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      if (os.contains("mac")) {
        return MAC;
      }
      if (os.contains("win")) {
        return WINDOWS;
      }
      try {
        String release = Files.readString(Path.of("/etc/os-release")).toLowerCase(Locale.ROOT);
        if (release.contains("debian") || release.contains("ubuntu")) {
          return DEBIAN;
        }
        if (release.contains("fedora") || release.contains("rhel") || release.contains("centos")) {
          return FEDORA;
        }
      } catch (Exception e) {
        // No os-release: the generic Linux advice.
      }
      return LINUX;
    }
  }

  @Override
  public void run() {
    LocalAuthority.Issued issued = LocalAuthority.ensure(dataDir, Clock.systemUTC());
    int listening = port != null ? port : recordedPort();
    String java = ProcessHandle.current().info().command().orElse("java");
    System.out.print(text(issued, listening, Platform.current(), java));
    System.out.flush();
  }

  private int recordedPort() {
    Integer recorded = RunningServer.read(dataDir).map(RunningServer::twilioHostsPort).orElse(null);
    if (recorded != null) {
      return recorded;
    }
    String env = System.getenv("PARLEY_TWILIO_HOSTS_PORT");
    return env == null || env.isBlank()
        ? Config.TwilioHostMode.DEFAULT_PORT
        : Integer.parseInt(env.trim());
  }

  /** The instructions for {@code issued}'s CA, Parley's TLS {@code port}, on {@code platform}. */
  static String text(LocalAuthority.Issued issued, int port, Platform platform, String java) {
    String ca = issued.caFile().toAbsolutePath().toString();
    String store = issued.trustStore().toAbsolutePath().toString();
    List<String> names = TwilioHosts.defaultNames();
    String target = port == 443 ? "127.0.0.1" : "127.0.0.1:" + port;
    List<String> out = new ArrayList<>();
    out.add("Twilio host mode on this machine (docs/twilio-hosts.md)");
    out.add("");
    out.add(
        (issued.created() ? "Made Parley's local CA: " : "Parley's local CA: ")
            + Banner.shellWord(ca));
    out.add(
        "  It signs only names under twilio.com, and its key never leaves "
            + Banner.shellWord(issued.directory().toAbsolutePath().toString())
            + " (owner-only).");
    out.add("");
    out.add("1. Start Parley with host mode (TLS on port " + port + "):");
    out.add(
        "  ./parley serve --twilio-hosts"
            + (port == 443 ? "" : " --twilio-hosts-port " + port)
            + "    (or PARLEY_TWILIO_HOSTS=true)");
    if (port == 443 && platform != Platform.MAC && platform != Platform.WINDOWS) {
      out.add("  Port 443 needs privileges on Linux; once, either of:");
      out.add("    sudo setcap cap_net_bind_service=+ep " + Banner.shellWord(java));
      out.add("    sudo sysctl net.ipv4.ip_unprivileged_port_start=443");
    }
    out.add("");
    out.add("2. Send Twilio's hostnames to Parley, one of:");
    out.add(
        "  Hosts file ("
            + (platform == Platform.WINDOWS
                ? "C:\\Windows\\System32\\drivers\\etc\\hosts"
                : "/etc/hosts")
            + "), one line (other regions and edges need their own names):");
    out.add("    127.0.0.1 " + String.join(" ", names));
    if (port != 443) {
      out.add(
          "    A hosts file maps names, not ports: clients then need port "
              + port
              + " sent to 443, e.g.");
      out.add(
          "    sudo iptables -t nat -A OUTPUT -o lo -p tcp --dport 443 -j REDIRECT --to-ports "
              + port);
    }
    out.add("  Chromium, for one browser without the hosts file:");
    out.add("    chromium --host-resolver-rules=\"MAP *.twilio.com " + target + "\"");
    out.add("  Docker Compose, for a container calling Twilio (Parley on the Docker host):");
    out.add("    extra_hosts:");
    for (String name : names) {
      out.add("      - \"" + name + ":host-gateway\"");
    }
    out.add("");
    out.add("3. Trust the CA:");
    out.add("  Node:      export NODE_EXTRA_CA_CERTS=" + Banner.shellWord(ca));
    out.add("             (in Docker: mount the file and set the same variable to its path)");
    out.add(
        "  Java:      java -Djavax.net.ssl.trustStore="
            + Banner.shellWord(store)
            + " -Djavax.net.ssl.trustStorePassword="
            + LocalAuthority.TRUST_STORE_PASSWORD
            + " …");
    out.add("             (that store holds only this CA; to keep the JDK's public CAs as well:");
    out.add(
        "              cp "
            + Banner.shellWord(
                Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toString())
            + " cacerts-parley");
    out.add(
        "              keytool -importcert -noprompt -alias parley-twilio-hosts -storepass"
            + " changeit -keystore cacerts-parley -file "
            + Banner.shellWord(ca)
            + ")");
    out.addAll(chromium(platform, ca, issued));
    out.addAll(system(platform, ca));
    out.add("");
    out.add(
        "Undo: remove the hosts line and the trust entries; delete "
            + Banner.shellWord(issued.directory().toAbsolutePath().toString())
            + " for a new CA.");
    out.add("");
    return String.join("\n", out);
  }

  private static List<String> chromium(Platform platform, String ca, LocalAuthority.Issued issued) {
    List<String> out = new ArrayList<>();
    switch (platform) {
      case MAC, WINDOWS -> out.add("  Chromium:  uses the system store (below)");
      default -> {
        out.add(
            "  Chromium:  certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n parley-twilio-hosts -i "
                + ca);
        out.add("             (certutil is in libnss3-tools / nss-tools)");
      }
    }
    out.add(
        "             or, for one session: --ignore-certificate-errors-spki-list="
            + spki(issued)
            + " (until the certificate is renewed)");
    return out;
  }

  private static List<String> system(Platform platform, String ca) {
    String quoted = Banner.shellWord(ca);
    return switch (platform) {
      case DEBIAN ->
          List.of(
              "  System:    sudo cp "
                  + quoted
                  + " /usr/local/share/ca-certificates/parley-twilio-hosts.crt"
                  + " && sudo update-ca-certificates");
      case FEDORA ->
          List.of(
              "  System:    sudo cp "
                  + quoted
                  + " /etc/pki/ca-trust/source/anchors/parley-twilio-hosts.pem"
                  + " && sudo update-ca-trust");
      case MAC ->
          List.of(
              "  System:    sudo security add-trusted-cert -d -r trustRoot -k"
                  + " /Library/Keychains/System.keychain "
                  + quoted);
      case WINDOWS -> List.of("  System:    certutil -addstore -f Root " + quoted);
      case LINUX ->
          List.of(
              "  System:    add "
                  + quoted
                  + " to your distribution's CA store (update-ca-trust or"
                  + " update-ca-certificates)");
    };
  }

  /** Base64 of the SHA-256 of the server certificate's public key, as Chromium's flag wants it. */
  static String spki(LocalAuthority.Issued issued) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(issued.server().getPublicKey().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
