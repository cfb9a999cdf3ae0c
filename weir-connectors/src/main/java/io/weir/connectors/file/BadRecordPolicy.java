package io.weir.connectors.file;

/** What a file source does with a malformed record. */
public enum BadRecordPolicy {
  /** Fail the job with a message naming file, line and column (the default). */
  FAIL,
  /**
   * Drop the record, log it at WARN level (rate-limited) and count it; the job's result reports
   * the count as counter {@code skipped-records.<source name>}.
   */
  SKIP
}
