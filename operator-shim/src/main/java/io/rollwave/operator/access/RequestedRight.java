package io.rollwave.operator.access;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The RBAC right a Kubernetes API request needs, read from its method and URL as the API server
 * reads it (verb, API group, resource with subresource, namespace), pure.
 *
 * @param namespace empty for a request at the cluster scope
 */
public record RequestedRight(String verb, String group, String resource, String namespace) {

  /** The right {@code method} on {@code uri} needs; empty for a URL that names no resource. */
  public static Optional<RequestedRight> of(String method, URI uri) {
    List<String> parts =
        Arrays.stream(uri.getRawPath().split("/")).filter(p -> !p.isEmpty()).toList();
    int at;
    String group;
    if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      at = 3;
    } else if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      at = 2;
    } else {
      return Optional.empty();
    }
    String namespace = "";
    if (parts.size() >= at + 3 && parts.get(at).equals("namespaces")) {
      namespace = parts.get(at + 1);
      at += 2;
    }
    List<String> rest = parts.subList(Math.min(at, parts.size()), parts.size());
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    String resource = rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
    boolean named = rest.size() >= 2;
    return Optional.of(
        new RequestedRight(verb(method, named, uri.getRawQuery()), group, resource, namespace));
  }

  private static String verb(String method, boolean named, String query) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> watches(query) ? "watch" : named ? "get" : "list";
    };
  }

  private static boolean watches(String query) {
    return query != null
        && Arrays.stream(query.split("&"))
            .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
  }

  /** As the API server words it: {@code cannot watch resource "x" in API group "y" in ...}. */
  public String describe() {
    return "cannot %s resource \"%s\" in API group \"%s\" %s"
        .formatted(
            verb,
            resource,
            group,
            namespace.isEmpty()
                ? "at the cluster scope"
                : "in the namespace \"" + namespace + "\"");
  }
}
