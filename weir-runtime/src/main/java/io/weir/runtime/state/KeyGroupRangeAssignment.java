package io.weir.runtime.state;

/**
 * Keys map to one of maxParallelism key groups (murmur-mixed hash); key groups map to subtasks in
 * contiguous ranges. A job restored with another parallelism just reassigns whole key groups.
 */
public final class KeyGroupRangeAssignment {
  private KeyGroupRangeAssignment() {}

  public static int assignToKeyGroup(Object key, int maxParallelism) {
    if (key == null) {
      throw new NullPointerException("a key must not be null (check the key selector)");
    }
    return computeKeyGroupForKeyHash(key.hashCode(), maxParallelism);
  }

  /** The key group of a key whose {@code hashCode()} is {@code keyHash}. */
  public static int computeKeyGroupForKeyHash(int keyHash, int maxParallelism) {
    return Math.floorMod(murmurMix(keyHash), maxParallelism);
  }

  public static int assignKeyToParallelOperator(Object key, int maxParallelism, int parallelism) {
    return operatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
  }

  public static int operatorIndexForKeyGroup(int maxParallelism, int parallelism, int keyGroup) {
    return keyGroup * parallelism / maxParallelism;
  }

  public static KeyGroupRange rangeForOperator(int maxParallelism, int parallelism, int operatorIndex) {
    if (parallelism > maxParallelism) {
      throw new IllegalArgumentException(
          "parallelism " + parallelism + " exceeds max parallelism " + maxParallelism);
    }
    int start = (operatorIndex * maxParallelism + parallelism - 1) / parallelism;
    int end = ((operatorIndex + 1) * maxParallelism - 1) / parallelism;
    return new KeyGroupRange(start, end);
  }

  /** Murmur3 finalizer: spreads poor hashCodes (small integers) over the key groups. */
  public static int murmurMix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
