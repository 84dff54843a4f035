package dev.parley.net;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of CIDR blocks ({@code 127.0.0.0/8,::1/128}), IPv4 and IPv6: the networks webhooks may
 * call (docs/security.md) and the proxies whose {@code X-Forwarded-For} is believed. Matching is
 * Netty's {@link IpSubnetFilterRule} (already on the classpath with Vert.x, and it handles both
 * families); this class only parses, and insists on address literals: a host name in a block would
 * be looked up.
 */
public final class Networks {
  public static final Networks NONE = new Networks(List.of());

  /** One block as written, and its matcher. */
  public record Block(String cidr, IpSubnetFilterRule rule) {
    boolean contains(InetAddress address) {
      return rule.matches(new InetSocketAddress(address, 0));
    }

    @Override
    public String toString() {
      return cidr;
    }
  }

  private final List<Block> blocks;

  private Networks(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Parses a comma-separated list of CIDR blocks; a bare address is a block of one. Null or blank
   * is no block. Throws {@link IllegalArgumentException} naming the first bad entry.
   */
  public static Networks parse(String list) {
    if (list == null || list.isBlank()) {
      return NONE;
    }
    List<Block> blocks = new ArrayList<>();
    for (String entry : list.split(",")) {
      String cidr = entry.strip();
      if (!cidr.isEmpty()) {
        blocks.add(block(cidr));
      }
    }
    return new Networks(blocks);
  }

  private static Block block(String cidr) {
    int slash = cidr.indexOf('/');
    String literal = slash < 0 ? cidr : cidr.substring(0, slash);
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
    if (address == null) {
      throw new IllegalArgumentException(
          "'" + cidr + "' is not a CIDR block (an IP address, '/', a prefix length)");
    }
    int bits = address instanceof Inet4Address ? 32 : 128;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + bits);
    }
    return new Block(cidr, new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
  }

  /** The first block that holds {@code address}, or null. */
  public Block find(InetAddress address) {
    for (Block block : blocks) {
      if (block.contains(address)) {
        return block;
      }
    }
    return null;
  }

  public boolean contains(InetAddress address) {
    return find(address) != null;
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  @Override
  public String toString() {
    return String.join(",", blocks.stream().map(Block::cidr).toList());
  }
}
