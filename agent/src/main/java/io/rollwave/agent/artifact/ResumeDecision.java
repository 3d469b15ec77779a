package io.rollwave.agent.artifact;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to do with the answer to a GET that may have asked for {@code Range: bytes=N-}, N being the
 * bytes already in the partial file: append, start over, or fail.
 */
enum ResumeDecision {
  /** 206 from exactly byte N: append the body to the partial file. */
  APPEND,
  /** 200: the whole body (the server ignored Range, or none was asked): write it from byte 0. */
  WRITE_FROM_START,
  /** 416, or a 206 from another offset: the partial file is no prefix; drop it, ask again. */
  DISCARD_AND_ASK_AGAIN,
  /** Anything else: a failed download. */
  FAIL;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

  static ResumeDecision of(long have, int status, Optional<String> contentRange) {
    return switch (status) {
      case 200 -> WRITE_FROM_START;
      case 206 -> {
        if (have == 0) {
          yield FAIL; // a part of what was never asked for
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.orElse("").strip());
        yield m.matches() && Long.parseLong(m.group(1)) == have ? APPEND : DISCARD_AND_ASK_AGAIN;
      }
      case 416 -> have > 0 ? DISCARD_AND_ASK_AGAIN : FAIL;
      default -> FAIL;
    };
  }
}
