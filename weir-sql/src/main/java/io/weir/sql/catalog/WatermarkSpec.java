package io.weir.sql.catalog;

import java.io.Serializable;

/** {@code WATERMARK FOR rowtimeColumn AS expression}; the expression is SQL text over the table's columns. */
public record WatermarkSpec(String rowtimeColumn, String expression) implements Serializable {}
