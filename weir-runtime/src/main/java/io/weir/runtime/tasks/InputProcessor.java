package io.weir.runtime.tasks;

import io.weir.core.source.InputStatus;

/** Reads a task's input exchanges and feeds the head operator, one batch per call. */
interface InputProcessor {
  /**
   * Processes at most one batch. MORE_AVAILABLE: did work; NOTHING_AVAILABLE: nothing to read
   * right now; END_OF_INPUT: every input ended (endInput was delivered).
   */
  InputStatus processInput() throws Exception;

  void release();
}
