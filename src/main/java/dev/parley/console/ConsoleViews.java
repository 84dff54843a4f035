package dev.parley.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agents.Agent;
import dev.parley.agents.AgentTokens;
import dev.parley.agents.ChatDetails;
import dev.parley.agents.ChatFlows;
import dev.parley.agents.ChatLists;
import dev.parley.agents.ChatSummary;
import dev.parley.agents.ConsoleSession;
import dev.parley.agents.TranscriptLine;
import dev.parley.json.Json;
import dev.parley.media.MediaLimits;
import dev.parley.store.CannedResponseRecord;
import dev.parley.store.MessageRecord;
import java.time.Instant;
import java.util.List;

/** What the console's endpoints answer, snake_case like the rest of Parley's JSON. */
final class ConsoleViews {
  private ConsoleViews() {}

  record AgentView(String sid, String identity, String friendlyName) {
    static AgentView of(Agent a) {
      return new AgentView(a.sid(), a.identity(), a.friendlyName());
    }
  }

  /** {@code account_sid}: the account the agent belongs to, which its console link names. */
  record SessionView(AgentView agent, String accountSid, String csrfToken, Instant expiresAt) {
    static SessionView of(ConsoleSession s) {
      return new SessionView(
          AgentView.of(s.agent()), s.agent().accountSid(), s.csrfToken(), s.expires());
    }
  }

  /** {@code media_limits}: what the Media Content Service takes, so the console refuses early. */
  record TokenView(
      String token,
      String identity,
      String serviceSid,
      Instant expiresAt,
      MediaLimitsView mediaLimits) {
    static TokenView of(AgentTokens.AgentToken t, MediaLimits limits) {
      return new TokenView(
          t.jwt(), t.identity(), t.serviceSid(), t.expiresAt(), MediaLimitsView.of(limits));
    }
  }

  /**
   * {@code accepted_types}: content types or families ({@code image/*}); {@code *}{@code /*} any.
   */
  record MediaLimitsView(
      long maxFileBytes, int maxPerMessage, long maxPerMessageBytes, List<String> acceptedTypes) {
    static MediaLimitsView of(MediaLimits l) {
      return new MediaLimitsView(
          l.maxFileBytes(), l.maxPerMessage(), l.maxPerMessageBytes(), l.acceptedTypes());
    }
  }

  /** {@code verified}: the visitor's identity was signed by the site (docs/console.md). */
  record ChatView(
      String conversationSid,
      String friendlyName,
      String customerName,
      JsonNode preEngagementData,
      String state,
      Instant dateCreated,
      Instant dateUpdated,
      long waitingSeconds,
      String preview,
      Long unread,
      boolean verified) {
    static ChatView of(ChatSummary c) {
      return new ChatView(
          c.conversationSid(),
          c.friendlyName(),
          c.customerName(),
          c.preEngagementData(),
          c.state(),
          c.dateCreated(),
          c.dateUpdated(),
          c.waitingSeconds(),
          c.preview(),
          c.unread(),
          c.verified());
    }
  }

  record ListsView(List<ChatView> waiting, List<ChatView> mine, List<ChatView> closed) {
    static ListsView of(ChatLists lists) {
      return new ListsView(
          lists.waiting().stream().map(ChatView::of).toList(),
          lists.mine().stream().map(ChatView::of).toList(),
          lists.closed().stream().map(ChatView::of).toList());
    }
  }

  record LineView(
      long index,
      String author,
      String authorName,
      String body,
      JsonNode media,
      Instant dateCreated) {
    static LineView of(TranscriptLine l) {
      return new LineView(
          l.index(), l.author(), l.authorName(), l.body(), l.media(), l.dateCreated());
    }
  }

  /** A message the agent sent from the console. */
  record SentView(String sid, long index, JsonNode media) {
    static SentView of(MessageRecord m) {
      return new SentView(m.sid(), m.index(), ConsoleViews.media(m.media()));
    }
  }

  static JsonNode media(String json) {
    try {
      return json == null ? Json.MAPPER.createArrayNode() : Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored message media is not JSON", e);
    }
  }

  record TranscriptView(String conversationSid, List<LineView> messages) {}

  record AgentsView(List<AgentView> agents) {}

  record EarlierView(
      String conversationSid,
      String state,
      Instant dateCreated,
      Instant dateUpdated,
      String preview) {
    static EarlierView of(ChatDetails.EarlierChat e) {
      return new EarlierView(
          e.conversationSid(), e.state(), e.dateCreated(), e.dateUpdated(), e.preview());
    }
  }

  /** A chat's details: the chat's fields, the visitor's identity and earlier chats. */
  record DetailsView(ChatView chat, String visitorIdentity, List<EarlierView> earlierChats) {
    static DetailsView of(ChatDetails d) {
      return new DetailsView(
          ChatView.of(d.chat()),
          d.visitorIdentity(),
          d.earlier().stream().map(EarlierView::of).toList());
    }
  }

  /** A chat's Studio executions, newest first ({@link ChatFlows}). */
  record StudioView(String conversationSid, List<ExecutionView> executions) {
    static StudioView of(String conversationSid, List<ChatFlows.Execution> executions) {
      return new StudioView(conversationSid, executions.stream().map(ExecutionView::of).toList());
    }
  }

  /** {@code waiting_on}: the widget that waits for the visitor's reply or a call's answer. */
  record ExecutionView(
      String sid,
      String flowSid,
      String flowName,
      int revision,
      String status,
      String waitingOn,
      Instant waitUntil,
      Instant dateCreated,
      Instant dateUpdated,
      List<StepView> steps,
      JsonNode variables,
      JsonNode widgets,
      JsonNode taskAttributes) {
    static ExecutionView of(ChatFlows.Execution e) {
      return new ExecutionView(
          e.sid(),
          e.flowSid(),
          e.flowName(),
          e.revision(),
          e.status(),
          e.waitingOn(),
          e.waitUntil(),
          e.dateCreated(),
          e.dateUpdated(),
          e.steps().stream().map(StepView::of).toList(),
          e.variables(),
          e.widgets(),
          e.taskAttributes());
    }
  }

  /** A step as Studio's REST API names it: {@code name} the event, from and to the widgets. */
  record StepView(
      String name, String transitionedFrom, String transitionedTo, Instant dateCreated) {
    static StepView of(ChatFlows.Step s) {
      return new StepView(s.event(), s.from(), s.to(), s.dateCreated());
    }
  }

  record CannedResponseView(
      String sid, String shortCode, String body, Instant dateCreated, Instant dateUpdated) {
    static CannedResponseView of(CannedResponseRecord r) {
      return new CannedResponseView(
          r.sid(), r.shortCode(), r.body(), r.dateCreated(), r.dateUpdated());
    }
  }

  record CannedResponsesView(List<CannedResponseView> cannedResponses) {}
}
