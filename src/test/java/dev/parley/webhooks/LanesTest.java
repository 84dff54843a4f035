package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.DeliveryRecord;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The engine's window on pending work stays bounded whatever receivers do: a lane that is stuck or
 * retrying holds a fixed number of rows however long its backlog grows in the store.
 */
class LanesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static DeliveryRecord pending(long seq, String lane) {
    return new DeliveryRecord(
        seq,
        "WD" + seq,
        "AC1",
        seq,
        "CH1",
        lane,
        "conversation",
        "WH1",
        "http://r/",
        "POST",
        "pending",
        0,
        NOW,
        null,
        null,
        null,
        NOW,
        NOW,
        0);
  }

  private static List<DeliveryRecord> backlog(String lane, int count) {
    return LongStream.rangeClosed(1, count).mapToObj(seq -> pending(seq, lane)).toList();
  }

  @Test
  void a_stuck_lane_holds_at_most_its_share_of_a_long_backlog() {
    Lanes lanes = new Lanes(20_000, 0);

    lanes.scanned(backlog("stuck", 10_000), NOW.toEpochMilli());

    assertThat(lanes.loaded()).isEqualTo(Lanes.PER_LANE);
    assertThat(lanes.position()).isEqualTo(10_000);
  }

  @Test
  void a_lane_waiting_to_retry_keeps_only_its_head() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(backlog("flaky", 100), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);

    lanes.headRetries(lane, lane.head(), NOW.toEpochMilli() + 60_000);

    assertThat(lanes.loaded()).isEqualTo(1);
    assertThat(lanes.takeReady(10)).isEmpty();
  }

  @Test
  void a_parked_lane_goes_again_once_unparked() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(backlog("parked", 1), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);
    OriginLimit limit = new OriginLimit(0);

    boolean admitted = limit.admit("http://r:80", lane);
    lanes.unpark(limit.release("http://r:80"));

    assertThat(admitted).isFalse();
    assertThat(lanes.takeReady(1)).containsExactly(lane);
  }

  @Test
  void an_emptied_lane_stays_held_until_handed_back() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(List.of(pending(1, "quiet")), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);

    lanes.headDone(lane, NOW.toEpochMilli());

    assertThat(lanes.holds("quiet")).isTrue();
    assertThat(lanes.takeIdle()).containsExactly("quiet");
    assertThat(lanes.holds("quiet")).isFalse();
  }

  @Test
  void a_lane_another_node_took_over_sends_nothing_more_from_here() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(backlog("moved", 3), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);

    lanes.forget("moved");
    lanes.headDone(lane, NOW.toEpochMilli());

    assertThat(lanes.takeReady(10)).isEmpty();
    assertThat(lanes.loaded()).isZero();
    assertThat(lanes.holds("moved")).isFalse();
  }

  @Test
  void a_delivered_head_lets_the_next_go_before_its_outcome_is_saved() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(backlog("busy", 2), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);

    lanes.headDelivered(lane, NOW.toEpochMilli());

    assertThat(lanes.takeReady(1)).containsExactly(lane);
    assertThat(lane.head().seq()).isEqualTo(2);
  }

  @Test
  void a_lane_is_not_reread_while_a_delivered_head_is_being_saved() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(backlog("long", 100), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);
    for (int i = 0; i < Lanes.PER_LANE - 1; i++) {
      lanes.headDelivered(lane, NOW.toEpochMilli());
      lanes.saved(lane);
      lanes.takeReady(1);
    }

    // The last loaded row delivered: the rest is in the store, behind a save still under way.
    lanes.headDelivered(lane, NOW.toEpochMilli());

    assertThat(lanes.takeRereads()).isEmpty();
    lanes.saved(lane);
    assertThat(lanes.takeRereads()).containsExactly(lane);
  }

  @Test
  void a_lane_is_handed_back_only_once_its_delivered_heads_are_saved() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(backlog("done", 1), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);

    lanes.headDelivered(lane, NOW.toEpochMilli());

    assertThat(lanes.takeIdle()).isEmpty();
    lanes.saved(lane);
    assertThat(lanes.takeIdle()).containsExactly("done");
  }

  @Test
  void a_delivered_head_whose_outcome_was_not_saved_has_its_lane_reread() {
    Lanes lanes = new Lanes(20_000, 0);
    lanes.scanned(backlog("lost-save", 2), NOW.toEpochMilli());
    Lane lane = lanes.takeReady(1).get(0);
    lanes.headDelivered(lane, NOW.toEpochMilli());
    lanes.takeReady(1);

    lanes.notSaved(lane);
    lanes.headDelivered(lane, NOW.toEpochMilli());

    assertThat(lanes.takeRereads()).isEmpty();
    lanes.saved(lane);
    assertThat(lanes.takeRereads()).containsExactly(lane);
  }
}
