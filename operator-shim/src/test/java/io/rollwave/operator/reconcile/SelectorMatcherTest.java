package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorMatcherTest {
  private static final Map<String, String> TOR =
      Map.of("role", "tor", "type", "switch", "rack", "r1");

  @Test
  void matchLabelsNeedsEveryPair() {
    LabelSelector s =
        new LabelSelectorBuilder().withMatchLabels(Map.of("role", "tor", "type", "switch")).build();
    assertThat(SelectorMatcher.matches(s, TOR)).isTrue();
    assertThat(SelectorMatcher.matches(s, Map.of("role", "tor"))).isFalse();
    assertThat(SelectorMatcher.matches(s, null)).isFalse();
  }

  @Test
  void matchExpressionsFollowKubernetes() {
    assertThat(SelectorMatcher.matches(expr("rack", "In", "r1", "r2"), TOR)).isTrue();
    assertThat(SelectorMatcher.matches(expr("rack", "NotIn", "r1"), TOR)).isFalse();
    assertThat(SelectorMatcher.matches(expr("site", "NotIn", "s1"), TOR)).isTrue();
    assertThat(SelectorMatcher.matches(expr("rack", "Exists"), TOR)).isTrue();
    assertThat(SelectorMatcher.matches(expr("rack", "DoesNotExist"), TOR)).isFalse();
    assertThatThrownBy(() -> SelectorMatcher.matches(expr("rack", "Near"), TOR))
        .hasMessageContaining("unknown selector operator 'Near'");
  }

  private static LabelSelector expr(String key, String op, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(op)
        .withValues(values)
        .endMatchExpression()
        .build();
  }
}
