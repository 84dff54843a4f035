package dev.parley.agents;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.CannedResponseRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account's canned responses (docs/console.md): saved replies its agents insert in the console
 * by typing "/" and the short code. Managed through {@code /parley/v1/CannedResponses} with the
 * account's credentials and from the console by its agents; always within one account.
 */
public final class CannedResponses {
  private static final Logger log = LoggerFactory.getLogger(CannedResponses.class);

  /** What may follow the "/": a letter or digit, then letters, digits, "-" and "_". */
  static final Pattern SHORT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

  /** A message body's limit: a canned response is sent as one. */
  public static final int MAX_BODY = 1600;

  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;

  public CannedResponses(Store store, Clock clock, SidGenerator sids) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
  }

  public CannedResponseRecord create(AccountSid account, String shortCode, String body) {
    String accountSid = account.value();
    requireShortCode(shortCode);
    requireBody(body);
    Instant now = clock.instant();
    CannedResponseRecord response =
        new CannedResponseRecord(
            sids.next(SidPrefix.CANNED_RESPONSE), accountSid, shortCode, body, now, now);
    store.write(
        tx -> {
          requireFree(tx, accountSid, shortCode, null);
          store.cannedResponses().insert(tx, response);
          return null;
        });
    log.info("event=canned_response_created sid={} account_sid={}", response.sid(), accountSid);
    return response;
  }

  public CannedResponseRecord find(AccountSid account, String sidOrShortCode) {
    return store.read(tx -> existing(tx, account.value(), sidOrShortCode));
  }

  public Slice<CannedResponseRecord> page(AccountSid account, PageRequest page) {
    return store.read(tx -> store.cannedResponses().page(tx, account.value(), page));
  }

  /** Changes the short code, the body or both ({@code null}: unchanged). */
  public CannedResponseRecord update(
      AccountSid account, String sidOrShortCode, String shortCode, String body) {
    String accountSid = account.value();
    if (shortCode != null) {
      requireShortCode(shortCode);
    }
    if (body != null) {
      requireBody(body);
    }
    CannedResponseRecord updated =
        store.write(
            tx -> {
              CannedResponseRecord old = existing(tx, accountSid, sidOrShortCode);
              if (shortCode != null && !shortCode.equals(old.shortCode())) {
                requireFree(tx, accountSid, shortCode, old.sid());
              }
              CannedResponseRecord changed =
                  new CannedResponseRecord(
                      old.sid(),
                      old.accountSid(),
                      shortCode == null ? old.shortCode() : shortCode,
                      body == null ? old.body() : body,
                      old.dateCreated(),
                      clock.instant());
              store.cannedResponses().update(tx, changed);
              return changed;
            });
    log.info("event=canned_response_updated sid={} account_sid={}", updated.sid(), accountSid);
    return updated;
  }

  public void delete(AccountSid account, String sidOrShortCode) {
    String accountSid = account.value();
    String sid =
        store.write(
            tx -> {
              CannedResponseRecord response = existing(tx, accountSid, sidOrShortCode);
              store.cannedResponses().delete(tx, response.sid());
              return response.sid();
            });
    log.info("event=canned_response_deleted sid={} account_sid={}", sid, accountSid);
  }

  private CannedResponseRecord existing(Tx tx, String accountSid, String sidOrShortCode) {
    return store
        .cannedResponses()
        .find(tx, accountSid, sidOrShortCode)
        .orElseThrow(() -> new ApiException(TwilioError.CANNED_RESPONSE_NOT_FOUND, sidOrShortCode));
  }

  private void requireFree(Tx tx, String accountSid, String shortCode, String except) {
    store
        .cannedResponses()
        .find(tx, accountSid, shortCode)
        .filter(found -> !found.sid().equals(except))
        .ifPresent(
            found -> {
              throw new ApiException(TwilioError.CANNED_RESPONSE_EXISTS, shortCode);
            });
  }

  private static void requireShortCode(String shortCode) {
    if (shortCode == null || shortCode.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "ShortCode");
    }
    if (!SHORT_CODE.matcher(shortCode).matches()) {
      throw ApiException.invalid(
          "ShortCode", "1 to 32 letters, digits, '-' or '_', starting with a letter or digit");
    }
  }

  private static void requireBody(String body) {
    if (body == null || body.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Body");
    }
    if (body.isBlank()) {
      throw ApiException.invalid("Body", "must not be blank");
    }
    if (body.length() > MAX_BODY) {
      throw ApiException.invalid("Body", "at most " + MAX_BODY + " characters");
    }
  }
}
