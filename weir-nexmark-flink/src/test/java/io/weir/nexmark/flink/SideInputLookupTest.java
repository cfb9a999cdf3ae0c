package io.weir.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** q13's side table on Flink: every key of the file is found with its value, absent keys give nothing. */
class SideInputLookupTest {
  private static final LogicalType[] TYPES = {new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH)};

  @Test
  void looksUpEveryRowOfTheFileByItsKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("side.csv");
    Files.writeString(file, "0,zero\n7,seven\n\n12,twelve\n7,again\n");
    SideInputTableFactory.Lookup lookup = new SideInputTableFactory.Lookup(file.toString(), TYPES, new int[] {0});
    lookup.open(null);
    assertThat(values(lookup, 0L)).containsExactly("zero");
    assertThat(values(lookup, 7L)).containsExactly("seven", "again");
    assertThat(values(lookup, 12L)).containsExactly("twelve");
    assertThat(values(lookup, 3L)).isEmpty();
    assertThat(lookup.lookup(GenericRowData.of((Object) null))).isEmpty();
  }

  @Test
  void badLineIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("side.csv");
    Files.writeString(file, "1,one\nx,two\n");
    SideInputTableFactory.Lookup lookup = new SideInputTableFactory.Lookup(file.toString(), TYPES, new int[] {0});
    assertThatThrownBy(() -> lookup.open(null)).hasMessageContaining("side.csv:2").hasMessageContaining("'x'");
  }

  private static List<String> values(SideInputTableFactory.Lookup lookup, long key) {
    List<String> out = new ArrayList<>();
    for (RowData r : lookup.lookup(GenericRowData.of(key))) {
      assertThat(r.getLong(0)).isEqualTo(key);
      out.add(r.getString(1).toString());
    }
    return out;
  }
}
