package dev.parley.testing;

import dev.parley.webhooks.OutboundRule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS a test controls, for the names it sets (under {@code .parley.test}, say); every other name
 * goes to the system's resolver. Changing an answer between configuring a webhook and its delivery
 * is what DNS rebinding does.
 */
public final class SettableResolver implements OutboundRule.Resolver {
  private final Map<String, InetAddress[]> answers = new ConcurrentHashMap<>();

  /** From now on {@code name} resolves to these address literals. */
  public SettableResolver answer(String name, String... addresses) {
    InetAddress[] resolved = new InetAddress[addresses.length];
    try {
      for (int i = 0; i < addresses.length; i++) {
        resolved[i] = InetAddress.getByName(addresses[i]);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + e.getMessage(), e);
    }
    answers.put(name.toLowerCase(Locale.ROOT), resolved);
    return this;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] set = answers.get(host.toLowerCase(Locale.ROOT));
    return set != null ? set.clone() : InetAddress.getAllByName(host);
  }
}
