package io.weir.runtime.checkpoint;

import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.runtime.state.OperatorSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The binary form of an {@link OperatorSnapshot} in checkpoint files: {@code byte version;} then
 * keyed state and timers as {@code int n; (int keyGroup, bytes)*}, list and union list state as
 * {@code int n; (UTF name, int elements, bytes*)*}, broadcast state as {@code int n; (UTF name,
 * bytes)*}; every byte array is {@code int length + bytes}.
 */
public final class OperatorSnapshotSerializer {
  private static final byte VERSION = 1;

  private OperatorSnapshotSerializer() {}

  public static byte[] serialize(OperatorSnapshot s) {
    long size = serializedSize(s);
    if (size > Integer.MAX_VALUE - 64) {
      throw new IllegalStateException("an operator snapshot of " + size + " bytes exceeds the 2 GiB a state file holds");
    }
    // Exactly sized: a snapshot holds all of a subtask's keyed state, often gigabytes, and growing
    // the array once more (doubling it) and copying it out again cost the checkpoint thread nearly
    // all of its time and twice the heap (Nexmark q18 at 30 M events).
    ByteArrayDataOutput out = new ByteArrayDataOutput((int) size);
    try {
      out.writeByte(VERSION);
      writeGroups(s.keyedState, out);
      writeGroups(s.timers, out);
      writeLists(s.listState, out);
      writeLists(s.unionListState, out);
      out.writeInt(s.broadcastState.size());
      for (Map.Entry<String, byte[]> e : s.broadcastState.entrySet()) {
        out.writeUTF(e.getKey());
        writeBytes(e.getValue(), out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("operator state name too long: " + e.getMessage(), e);
    }
    byte[] buffer = out.getSharedBuffer();
    return out.length() == buffer.length ? buffer : out.toByteArray();
  }

  /** The length of {@link #serialize}'s result. */
  static long serializedSize(OperatorSnapshot s) {
    long n = 1 + groupsSize(s.keyedState) + groupsSize(s.timers) + listsSize(s.listState) + listsSize(s.unionListState) + 4;
    for (Map.Entry<String, byte[]> e : s.broadcastState.entrySet()) {
      n += utfSize(e.getKey()) + bytesSize(e.getValue());
    }
    return n;
  }

  private static long groupsSize(Map<Integer, byte[]> groups) {
    long n = 4;
    for (byte[] b : groups.values()) {
      n += 4 + bytesSize(b);
    }
    return n;
  }

  private static long listsSize(Map<String, List<byte[]>> lists) {
    long n = 4;
    for (Map.Entry<String, List<byte[]>> e : lists.entrySet()) {
      n += utfSize(e.getKey()) + 4;
      for (byte[] b : e.getValue()) {
        n += bytesSize(b);
      }
    }
    return n;
  }

  private static long bytesSize(byte[] b) {
    return 4 + (b == null ? 0 : b.length);
  }

  private static long utfSize(String s) {
    return 2 + ByteArrayDataOutput.utfLength(s);
  }

  public static OperatorSnapshot deserialize(byte[] bytes) throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes);
    byte version = in.readByte();
    if (version != VERSION) {
      throw new IOException("unknown operator snapshot format version " + version);
    }
    OperatorSnapshot s = new OperatorSnapshot();
    readGroups(s.keyedState, in);
    readGroups(s.timers, in);
    readLists(s.listState, in);
    readLists(s.unionListState, in);
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      s.broadcastState.put(name, readBytes(in));
    }
    if (in.available() != 0) {
      throw new IOException(in.available() + " unexpected trailing bytes in operator snapshot");
    }
    return s;
  }

  private static void writeGroups(Map<Integer, byte[]> groups, ByteArrayDataOutput out) {
    out.writeInt(groups.size());
    for (Map.Entry<Integer, byte[]> e : groups.entrySet()) {
      out.writeInt(e.getKey());
      writeBytes(e.getValue(), out);
    }
  }

  private static void readGroups(Map<Integer, byte[]> target, ByteArrayDataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      int kg = in.readInt();
      target.put(kg, readBytes(in));
    }
  }

  private static void writeLists(Map<String, List<byte[]>> lists, ByteArrayDataOutput out) throws IOException {
    out.writeInt(lists.size());
    for (Map.Entry<String, List<byte[]>> e : lists.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().size());
      for (byte[] b : e.getValue()) {
        writeBytes(b, out);
      }
    }
  }

  private static void readLists(Map<String, List<byte[]>> target, ByteArrayDataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      int count = checkedLength(in.readInt(), in);
      List<byte[]> list = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        list.add(readBytes(in));
      }
      target.put(name, list);
    }
  }

  private static void writeBytes(byte[] b, ByteArrayDataOutput out) {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] readBytes(ByteArrayDataInput in) throws IOException {
    int len = in.readInt();
    if (len == -1) {
      return null;
    }
    byte[] b = new byte[checkedLength(len, in)];
    in.readFully(b);
    return b;
  }

  private static int checkedLength(int len, ByteArrayDataInput in) throws IOException {
    if (len < 0 || len > in.available()) {
      throw new IOException("corrupt length " + len + " (" + in.available() + " bytes left)");
    }
    return len;
  }
}
