package io.rollwave.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutSearchAttributesTest {

  @Test
  void shippedListHasTheAttributesTheUiFiltersOn() {
    assertThat(RolloutSearchAttributes.all())
        .contains(
            new SearchAttributeDefinition(
                "RolloutDeployment", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            new SearchAttributeDefinition(
                "RolloutRevision", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            new SearchAttributeDefinition(
                "RolloutPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  @Test
  void parsesNamesAndTypesSkippingCommentsAndBlanks() {
    assertThat(
            RolloutSearchAttributes.parse(
                List.of("# c", "", "A=Int", " B = KeywordList ", "C=Datetime")))
        .containsExactly(
            new SearchAttributeDefinition("A", IndexedValueType.INDEXED_VALUE_TYPE_INT),
            new SearchAttributeDefinition("B", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST),
            new SearchAttributeDefinition("C", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME));
  }

  @Test
  void rejectsAnUnknownTypeNamingTheLine() {
    assertThatThrownBy(() -> RolloutSearchAttributes.parse(List.of("A=Int", "B=Number")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("unknown search attribute type 'Number'");
  }

  @Test
  void rejectsALineWithoutAType() {
    assertThatThrownBy(() -> RolloutSearchAttributes.parse(List.of("RolloutPhase")))
        .hasMessageContaining("expected NAME=TYPE");
    assertThatThrownBy(() -> RolloutSearchAttributes.parse(List.of("Unspecified=Unspecified")))
        .hasMessageContaining("unknown search attribute type");
  }
}
