package io.weir.core.config;

import java.io.Serializable;
import java.util.Locale;

/** A number of bytes, parsed from "64mb", "1 gb", "512k" or a bare number of bytes. */
public record MemorySize(long bytes) implements Serializable {
  public static MemorySize parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("memory size must start with a number: " + s);
    }
    long n = Long.parseLong(t.substring(0, i));
    String unit = t.substring(i);
    long mult = switch (unit) {
      case "", "b", "bytes" -> 1L;
      case "k", "kb", "kib" -> 1L << 10;
      case "m", "mb", "mib" -> 1L << 20;
      case "g", "gb", "gib" -> 1L << 30;
      default -> throw new IllegalArgumentException("unknown memory unit '" + unit + "' in " + s);
    };
    return new MemorySize(n * mult);
  }

  public static MemorySize ofMebiBytes(long mb) {
    return new MemorySize(mb << 20);
  }

  @Override
  public String toString() {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + "mb" : bytes + "b";
  }
}
