package dev.parley.testing;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Twilio's own Java helper library, unmodified, pointed at a Parley server: its HTTP client sends
 * {@code https://<product>.twilio.com/...} to the server instead, and every answer is checked
 * against the official spec on the way back.
 */
public final class TwilioClients {
  private TwilioClients() {}

  /** A client authenticated as the bootstrapped account. */
  public static TwilioRestClient of(ParleyServer server) {
    return of(server, ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN, ParleyServer.ACCOUNT_SID);
  }

  /** A client with other credentials (an API key, a sub-account) acting on {@code accountSid}. */
  public static TwilioRestClient of(
      ParleyServer server, String username, String password, String accountSid) {
    return new TwilioRestClient.Builder(username, password)
        .accountSid(accountSid)
        .httpClient(new ToParley(server.baseUrl()))
        .build();
  }

  private static final class ToParley extends HttpClient {
    private final String base;
    private final NetworkHttpClient network = new NetworkHttpClient();

    ToParley(String base) {
      this.base = base;
    }

    @Override
    public Response makeRequest(Request request) {
      String url = request.getUrl().replaceFirst("^https://[a-z0-9.-]+\\.twilio\\.com", base);
      Request local = new Request(request.getMethod(), url);
      copy(request.getQueryParams(), local::addQueryParam);
      copy(request.getPostParams(), local::addPostParam);
      copy(request.getHeaderParams(), local::addHeaderParam);
      if (request.getAuthStrategy() != null) {
        local.setAuth(request.getAuthStrategy());
      } else if (request.getUsername() != null) {
        local.setAuth(request.getUsername(), request.getPassword());
      }
      local.setContentType(request.getContentType());
      if (request.getBody() != null) {
        local.setBody(request.getBody());
      }
      Response response = network.makeRequest(local);
      String content = response.getContent();
      OpenApi.assertValid(
          request.getMethod().toString(),
          URI.create(url).getPath(),
          response.getStatusCode(),
          content);
      return new Response(content, response.getStatusCode(), response.getHeaders());
    }

    private static void copy(
        Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
      params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
  }
}
