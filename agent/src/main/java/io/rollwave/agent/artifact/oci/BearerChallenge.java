package io.rollwave.agent.artifact.oci;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate: Bearer realm="..",service="..",scope=".."}: where to get a
 * token, and for what.
 */
public record BearerChallenge(String realm, Optional<String> service, Optional<String> scope) {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** The challenge in a WWW-Authenticate header, if it is a Bearer one with a realm. */
  public static Optional<BearerChallenge> parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(header.substring(7));
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    if (!params.containsKey("realm")) {
      return Optional.empty();
    }
    return Optional.of(
        new BearerChallenge(
            params.get("realm"),
            Optional.ofNullable(params.get("service")),
            Optional.ofNullable(params.get("scope"))));
  }

  /** The token request: the realm with service and scope as query parameters. */
  public URI tokenUri() {
    StringBuilder uri = new StringBuilder(realm);
    char sep = realm.contains("?") ? '&' : '?';
    if (service.isPresent()) {
      uri.append(sep).append("service=").append(encode(service.get()));
      sep = '&';
    }
    if (scope.isPresent()) {
      uri.append(sep).append("scope=").append(encode(scope.get()));
    }
    return URI.create(uri.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
