package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import org.junit.jupiter.api.Test;

/** Which Host headers are Twilio's, and on which of Twilio's hostnames each path lives. */
@NoStore
class TwilioHostsTest {
  @Test
  void twilios_product_hostnames_name_their_region() {
    assertThat(TwilioHosts.regionOf("conversations.twilio.com")).isEqualTo("us1");
    assertThat(TwilioHosts.regionOf("tsock.us1.twilio.com")).isEqualTo("us1");
    assertThat(TwilioHosts.regionOf("mcs.ie1.twilio.com:443")).isEqualTo("ie1");
    assertThat(TwilioHosts.regionOf("Flex-API.twilio.com.")).isEqualTo("us1");
    assertThat(TwilioHosts.regionOf("conversations.dublin.ie1.twilio.com")).isEqualTo("ie1");
  }

  @Test
  void other_names_keep_the_public_url() {
    assertThat(TwilioHosts.regionOf("localhost:8080")).isNull();
    assertThat(TwilioHosts.regionOf("conversations.twilio.com.evil.example")).isNull();
    assertThat(TwilioHosts.regionOf("eviltwilio.com")).isNull();
    assertThat(TwilioHosts.regionOf("twilio.com")).isNull();
    assertThat(TwilioHosts.regionOf("studio.twilio.com")).isNull();
    assertThat(TwilioHosts.regionOf("tsock.nowhere.twilio.com")).isNull();
    assertThat(TwilioHosts.regionOf(null)).isNull();
  }

  @Test
  void each_path_lives_on_the_hostname_twilio_serves_it_on() {
    assertThat(TwilioHosts.hostFor("/v1/Conversations/CH1/Messages", "us1"))
        .isEqualTo("conversations.twilio.com");
    assertThat(TwilioHosts.hostFor("/v1/Services/IS1/Conversations", "us1"))
        .isEqualTo("conversations.twilio.com");
    assertThat(TwilioHosts.hostFor("/v1/Services/IS1/Media/ME1", "ie1"))
        .isEqualTo("mcs.ie1.twilio.com");
    assertThat(TwilioHosts.hostFor("/v1/Services/IS1/MediaSet", "us1"))
        .isEqualTo("mcs.us1.twilio.com");
    assertThat(TwilioHosts.hostFor("/v2/WebChats", "us1")).isEqualTo("flex-api.twilio.com");
    assertThat(TwilioHosts.hostFor("/v1/WebChannels/CH1", "us1")).isEqualTo("flex-api.twilio.com");
    assertThat(TwilioHosts.hostFor("/2010-04-01/Accounts/AC1/Keys.json", "us1"))
        .isEqualTo("api.twilio.com");
    assertThat(TwilioHosts.hostFor("/Client/v2/Services/IS1", "us1"))
        .isEqualTo("aim.us1.twilio.com");
    assertThat(TwilioHosts.hostFor("/v3/Maps/MP1", "us1")).isEqualTo("cds.us1.twilio.com");
    assertThat(TwilioHosts.hostFor("/v3/wsconnect", "us1")).isEqualTo("tsock.us1.twilio.com");
  }

  @Test
  void parleys_own_paths_have_no_twilio_hostname() {
    assertThat(TwilioHosts.hostFor("/parley/v1/Agents", "us1")).isNull();
    assertThat(TwilioHosts.hostFor("/console", "us1")).isNull();
  }

  @Test
  void a_url_made_within_a_twilio_region_names_twilios_host() {
    PublicUrl base = new PublicUrl("http://localhost:8080/");

    String twilio = PublicUrl.within("us1", () -> base.of("/v1/Conversations/CH1"));
    String parley = PublicUrl.within("us1", () -> base.of("/parley/v1/Agents"));

    assertThat(twilio).isEqualTo("https://conversations.twilio.com/v1/Conversations/CH1");
    assertThat(parley).isEqualTo("http://localhost:8080/parley/v1/Agents");
    assertThat(base.of("/v1/Conversations/CH1"))
        .isEqualTo("http://localhost:8080/v1/Conversations/CH1");
  }
}
