package dev.parley.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agents.Agent;
import dev.parley.agents.AgentTokens;
import dev.parley.agents.ChatLists;
import dev.parley.agents.ChatSummary;
import dev.parley.agents.ConsoleSession;
import dev.parley.agents.TranscriptLine;
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

  record TokenView(String token, String identity, String serviceSid, Instant expiresAt) {
    static TokenView of(AgentTokens.AgentToken t) {
      return new TokenView(t.jwt(), t.identity(), t.serviceSid(), t.expiresAt());
    }
  }

  record ChatView(
      String conversationSid,
      String friendlyName,
      String customerName,
      JsonNode preEngagementData,
      String state,
      Instant dateCreated,
      Instant dateUpdated,
      long waitingSeconds,
      String preview) {
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
          c.preview());
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

  record LineView(long index, String author, String authorName, String body, Instant dateCreated) {
    static LineView of(TranscriptLine l) {
      return new LineView(l.index(), l.author(), l.authorName(), l.body(), l.dateCreated());
    }
  }

  record TranscriptView(String conversationSid, List<LineView> messages) {}

  record AgentsView(List<AgentView> agents) {}
}
