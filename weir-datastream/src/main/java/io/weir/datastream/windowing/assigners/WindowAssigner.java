package io.weir.datastream.windowing.assigners;

import io.weir.datastream.windowing.windows.Window;
import java.io.Serializable;

/** Assigns elements to windows. PLACEHOLDER: the windowing work defines the methods. */
public abstract class WindowAssigner<T, W extends Window> implements Serializable {
}
