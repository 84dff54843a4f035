package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.flexapi.v2.WebChannels;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.RawHttp;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio's unmodified Java helper library, with its own URLs ({@code https://flex-api.twilio.com},
 * {@code https://conversations.twilio.com}), reaches Parley in host mode over real TLS: its HTTP
 * client only resolves Twilio's names to 127.0.0.1 and port 443 to the test's port (what a hosts
 * file and port 443 do on a user's machine), and trusts the local CA through the trust store {@code
 * ./parley trust} names.
 */
class TwilioHostModeTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer().withTwilioHosts();

  @Test
  void twilio_java_creates_a_web_chat_and_a_message_on_twilios_own_hostnames() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    TwilioRestClient twilio = client(trustingTheLocalCa(), lookups);

    WebChannels chat =
        WebChannels.creator(address())
            .setChatFriendlyName("Host mode")
            .setCustomerFriendlyName("Ann")
            .create(twilio);
    Message message =
        Message.creator(chat.getConversationSid())
            .setAuthor(chat.getIdentity())
            .setBody("Hello over TLS")
            .create(twilio);

    assertThat(lookups.get()).as("every call resolved a Twilio hostname").isGreaterThan(0);
    assertThat(message.getBody()).isEqualTo("Hello over TLS");
    assertThat(message.getUrl().toString())
        .isEqualTo(
            "https://conversations.twilio.com/v1/Conversations/"
                + chat.getConversationSid()
                + "/Messages/"
                + message.getSid());
    assertThat(message.getLinks().get("delivery_receipts"))
        .startsWith("https://conversations.twilio.com/v1/Conversations/");
  }

  @Test
  void the_plain_listener_keeps_answering_with_the_public_url() {
    String url =
        server.api().get("/v1/Conversations").then().statusCode(200).extract().path("meta.url");

    assertThat(url).startsWith(server.baseUrl() + "/v1/Conversations");
  }

  @Test
  void a_client_that_does_not_trust_the_local_ca_is_refused() throws Exception {
    SSLContext jdkDefault = SSLContext.getInstance("TLS");
    jdkDefault.init(null, null, null);
    TwilioRestClient twilio = client(jdkDefault, new AtomicInteger());

    assertThatThrownBy(() -> WebChannels.creator(address()).create(twilio))
        .isInstanceOf(ApiException.class)
        .hasStackTraceContaining("unable to find valid certification path");
  }

  @Test
  void a_raw_request_for_a_twilio_host_over_tls_gets_twilios_urls() throws Exception {
    String body = overTls("conversations.twilio.com", "/v1/Conversations");

    assertThat(body).contains("\"url\":\"https://conversations.twilio.com/v1/Conversations?");
  }

  @Test
  void another_host_on_the_tls_listener_keeps_the_public_url() throws Exception {
    String body = overTls("evil.example", "/v1/Conversations");

    assertThat(body)
        .contains("\"url\":\"" + server.baseUrl() + "/v1/Conversations?")
        .doesNotContain("twilio.com/v1");
  }

  @Test
  void a_twilio_host_on_the_plain_listener_keeps_the_public_url() {
    RawHttp.Response response =
        RawHttp.exchange(server.port(), request("conversations.twilio.com", "/v1/Conversations"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"url\":\"" + server.baseUrl() + "/v1/Conversations?")
        .doesNotContain("twilio.com/v1");
  }

  private static String request(String host, String path) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (ParleyServer.ACCOUNT_SID + ":" + ParleyServer.AUTH_TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: "
        + host
        + "\r\nAuthorization: Basic "
        + basic
        + "\r\nConnection: close\r\n\r\n";
  }

  /**
   * {@code path} over TLS to the host-mode listener with this {@code Host} header (TLS names
   * conversations.twilio.com, whose certificate the local CA vouches for); the raw response.
   */
  private static String overTls(String host, String path) throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            trustingTheLocalCa()
                .getSocketFactory()
                .createSocket("127.0.0.1", server.twilioHostsPort())) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName("conversations.twilio.com")));
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request(host, path).getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The trust store {@code ./parley trust} tells Java users to name. */
  private static SSLContext trustingTheLocalCa() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(server.twilioHostsTrustStore())) {
      store.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /**
   * twilio-java's own HTTP client, its names resolved as a hosts file would and port 443 sent to
   * the listener's port; TLS (SNI, the certificate's names) sees the Twilio hostname.
   */
  private static TwilioRestClient client(SSLContext tls, AtomicInteger lookups) {
    DnsResolver hostsFile =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            if (!host.endsWith(".twilio.com")) {
              throw new UnknownHostException(host);
            }
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
          }

          @Override
          public String resolveCanonicalHostname(String host) {
            return host;
          }
        };
    HttpClientBuilder http =
        HttpClientBuilder.create()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(hostsFile)
                    .setSchemePortResolver(target -> server.twilioHostsPort())
                    .setTlsSocketStrategy(
                        ClientTlsStrategyBuilder.create().setSslContext(tls).buildClassic())
                    .build());
    return new TwilioRestClient.Builder(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .httpClient(new NetworkHttpClient(http))
        .build();
  }

  private static String address() {
    return server
        .api()
        .get("/v1/Configuration/Addresses?Type=chat")
        .then()
        .extract()
        .path("address_configurations[0].sid");
  }
}
