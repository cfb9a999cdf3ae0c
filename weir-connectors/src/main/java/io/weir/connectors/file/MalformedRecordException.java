package io.weir.connectors.file;

import java.io.IOException;

/**
 * A record that cannot be read. The message is one line naming the place and the problem, e.g.
 * {@code /data/orders.csv:17: column 3 'price': cannot parse 'abc' as DOUBLE}.
 */
public class MalformedRecordException extends IOException {
  private final String file;
  private final long line;
  private final String reason;

  public MalformedRecordException(String file, long line, String reason) {
    super(file + ":" + line + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public String getFile() {
    return file;
  }

  public long getLine() {
    return line;
  }

  /** The message without the file:line prefix. */
  public String getReason() {
    return reason;
  }
}
