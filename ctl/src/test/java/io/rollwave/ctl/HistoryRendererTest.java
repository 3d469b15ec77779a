package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryRendererTest {
  @Test
  void listsRevisionsOldestFirstWithVersionStateTimeAndCause() {
    assertThat(
            HistoryRenderer.render(
                "infra/sw",
                List.of(Views.REVISIONS.get(1), Views.REVISIONS.get(0)),
                Optional.of("aaa111"),
                Optional.of("bbb222")))
        .isEqualTo(
            """
            dpd infra/sw:
            REVISION   HASH     VERSION   STATE    STORED                 ARTIFACT                  CHANGE-CAUSE
            1          aaa111   v1        stable   2026-12-01T10:00:00Z   https://a.example/sw-v1   <none>
            2          bbb222   v2        update   2026-12-02T11:30:00Z   https://a.example/sw-v2   bump to v2 (alice)
            """);
  }

  @Test
  void marksTheRevisionThatIsBothStableAndUpdate() {
    assertThat(
            HistoryRenderer.render(
                "infra/sw",
                List.of(Views.REVISIONS.get(0)),
                Optional.of("aaa111"),
                Optional.of("aaa111")))
        .contains("1          aaa111   v1        stable,update   2026-12-01T10:00:00Z");
  }

  @Test
  void saysSoWhenNothingIsStored() {
    assertThat(HistoryRenderer.render("infra/sw", List.of(), Optional.empty(), Optional.empty()))
        .isEqualTo(
            "dpd infra/sw: no stored revisions yet (the operator stores one per template)\n");
  }
}
