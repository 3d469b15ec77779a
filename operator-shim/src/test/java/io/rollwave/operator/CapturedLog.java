package io.rollwave.operator;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Copies what the process writes to stderr (slf4j-simple's target) while open, to search it. */
final class CapturedLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  CapturedLog() {
    System.setErr(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                original.write(b);
                synchronized (copy) {
                  copy.write(b);
                }
              }

              @Override
              public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (copy) {
                  copy.write(b, off, len);
                }
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
