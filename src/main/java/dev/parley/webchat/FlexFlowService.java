package dev.parley.webchat;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.WebhookUrlCheck;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.FlexFlowRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;

/** Legacy Flex Flows: the configuration a Flex v1 web channel is created from. */
public final class FlexFlowService {
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final WebhookUrlCheck urls;

  public FlexFlowService(Store store, Clock clock, SidGenerator sids, WebhookUrlCheck urls) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.urls = urls;
  }

  public FlexFlowRecord create(AccountSid account, FlexFlowRequest request) {
    vetUrl(request);
    return store.write(
        tx -> {
          requireService(tx, account, request.chatServiceSid());
          if (store.flexFlows().nameTaken(tx, account.value(), request.friendlyName())) {
            throw new ApiException(
                TwilioError.CONFLICT,
                "Flex Flow named " + request.friendlyName() + " already exists");
          }
          FlexIntegration integration =
              request.integration() == null ? FlexIntegration.NONE : request.integration();
          requireIntegration(request.integrationType(), integration);
          Instant now = clock.instant();
          FlexFlowRecord flow =
              new FlexFlowRecord(
                  sids.next(SidPrefix.FLEX_FLOW),
                  account.value(),
                  request.friendlyName(),
                  request.chatServiceSid(),
                  request.channelType(),
                  request.contactIdentity(),
                  request.enabled() == null || request.enabled(),
                  request.integrationType(),
                  integration.json(),
                  Boolean.TRUE.equals(request.longLived()),
                  Boolean.TRUE.equals(request.janitorEnabled()),
                  now,
                  now);
          store.flexFlows().insert(tx, flow);
          return flow;
        });
  }

  public FlexFlowRecord find(AccountSid account, String sid) {
    return store.read(tx -> find(tx, account, sid));
  }

  /** The flow the request's path names, or a 404 for the request. */
  public FlexFlowRecord find(Tx tx, AccountSid account, String sid) {
    return store.flexFlows().find(tx, account.value(), sid).orElseThrow(ApiException::notFound);
  }

  /** The flow a body parameter names, or a 404 naming the flow rather than the request. */
  public FlexFlowRecord named(Tx tx, AccountSid account, String sid) {
    return store
        .flexFlows()
        .find(tx, account.value(), sid)
        .orElseThrow(() -> new ApiException(TwilioError.NOT_FOUND, "/FlexFlows/" + sid));
  }

  public Slice<FlexFlowRecord> page(AccountSid account, String friendlyName, PageRequest page) {
    return store.read(tx -> store.flexFlows().page(tx, account.value(), friendlyName, page));
  }

  public FlexFlowRecord update(AccountSid account, String sid, FlexFlowRequest changes) {
    vetUrl(changes);
    return store.write(
        tx -> {
          FlexFlowRecord current = find(tx, account, sid);
          if (changes.chatServiceSid() != null) {
            requireService(tx, account, changes.chatServiceSid());
          }
          if (changes.friendlyName() != null
              && !changes.friendlyName().equals(current.friendlyName())
              && store.flexFlows().nameTaken(tx, account.value(), changes.friendlyName())) {
            throw new ApiException(
                TwilioError.CONFLICT,
                "Flex Flow named " + changes.friendlyName() + " already exists");
          }
          String type = or(changes.integrationType(), current.integrationType());
          FlexIntegration integration = FlexIntegration.parse(current.integration());
          if (changes.integration() != null) {
            integration = integration.with(changes.integration());
          }
          requireIntegration(type, integration);
          FlexFlowRecord updated =
              new FlexFlowRecord(
                  current.sid(),
                  current.accountSid(),
                  or(changes.friendlyName(), current.friendlyName()),
                  or(changes.chatServiceSid(), current.chatServiceSid()),
                  or(changes.channelType(), current.channelType()),
                  or(changes.contactIdentity(), current.contactIdentity()),
                  or(changes.enabled(), current.enabled()),
                  type,
                  integration.json(),
                  or(changes.longLived(), current.longLived()),
                  or(changes.janitorEnabled(), current.janitorEnabled()),
                  current.dateCreated(),
                  clock.instant());
          store.flexFlows().update(tx, updated);
          return updated;
        });
  }

  public void delete(AccountSid account, String sid) {
    store.write(
        tx -> {
          store.flexFlows().delete(tx, find(tx, account, sid).sid());
          return null;
        });
  }

  private void vetUrl(FlexFlowRequest request) {
    if (request.integration() != null) {
      urls.vet("Integration.Url", request.integration().url());
    }
  }

  private void requireService(Tx tx, AccountSid account, String serviceSid) {
    if (store.services().find(tx, account.value(), serviceSid).isEmpty()) {
      throw ApiException.invalid(
          "ChatServiceSid", serviceSid + " is not a Conversation Service of this account");
    }
  }

  /** Each integration type needs its own target: a flow, a URL, or a workspace and workflow. */
  private static void requireIntegration(String type, FlexIntegration integration) {
    if ("studio".equals(type) && integration.flowSid() == null) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Integration.FlowSid");
    }
    if ("external".equals(type) && integration.url() == null) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Integration.Url");
    }
    if ("task".equals(type)
        && (integration.workspaceSid() == null || integration.workflowSid() == null)) {
      throw new ApiException(
          TwilioError.MISSING_PARAMETER, "Integration.WorkspaceSid and Integration.WorkflowSid");
    }
  }
}
