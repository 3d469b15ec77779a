package io.rollwave.api.rollout;

import java.util.List;

/**
 * The batches a rollout of {@code revision} would take for the fleet as it is now (the answer to
 * the workflow's {@code previewPlan} update), bounded so the payload stays small at any fleet size:
 * the size of the first {@link #SIZES_LISTED} batches, and the devices of the first {@link
 * #BATCHES_NAMED} batches (at most {@link #NAMES_PER_BATCH} names each).
 */
public record PlanSummary(
    String revision,
    int devices,
    int alreadyAtRevision,
    int window,
    int batchCount,
    List<Integer> batchSizes,
    List<List<String>> firstBatches) {
  public static final int SIZES_LISTED = 1_000;
  public static final int BATCHES_NAMED = 10;
  public static final int NAMES_PER_BATCH = 50;

  /** Bounds {@code batches} as described above. */
  public static PlanSummary of(
      String revision, int devices, int alreadyAtRevision, int window, List<List<String>> batches) {
    return new PlanSummary(
        revision,
        devices,
        alreadyAtRevision,
        window,
        batches.size(),
        batches.stream().limit(SIZES_LISTED).map(List::size).toList(),
        batches.stream()
            .limit(BATCHES_NAMED)
            .map(b -> List.copyOf(b.subList(0, Math.min(b.size(), NAMES_PER_BATCH))))
            .toList());
  }
}
