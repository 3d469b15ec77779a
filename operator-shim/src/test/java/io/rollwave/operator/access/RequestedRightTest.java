package io.rollwave.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestedRightTest {

  @ParameterizedTest(name = "{0} {1} needs {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET | /apis/azure.com/v1alpha1/namespaces/n/deviceprocesses?watch=true&resourceVersion=5"
            + " | cannot watch resource \"deviceprocesses\" in API group \"azure.com\" in the"
            + " namespace \"n\"",
        "GET | /apis/azure.com/v1alpha1/namespaces/n/deviceprocesses?limit=500"
            + " | cannot list resource \"deviceprocesses\" in API group \"azure.com\" in the"
            + " namespace \"n\"",
        "GET | /apis/azure.com/v1alpha1/namespaces/n/deviceprocesses/a-b"
            + " | cannot get resource \"deviceprocesses\" in API group \"azure.com\" in the"
            + " namespace \"n\"",
        "PATCH | /apis/azure.com/v1alpha1/namespaces/n/deviceprocesses/a-b/status"
            + " | cannot patch resource \"deviceprocesses/status\" in API group \"azure.com\" in"
            + " the namespace \"n\"",
        "POST | /apis/apps/v1/namespaces/n/controllerrevisions"
            + " | cannot create resource \"controllerrevisions\" in API group \"apps\" in the"
            + " namespace \"n\"",
        "DELETE | /apis/apps/v1/namespaces/n/controllerrevisions/r"
            + " | cannot delete resource \"controllerrevisions\" in API group \"apps\" in the"
            + " namespace \"n\"",
        "DELETE | /apis/apps/v1/namespaces/n/controllerrevisions"
            + " | cannot deletecollection resource \"controllerrevisions\" in API group \"apps\""
            + " in the namespace \"n\"",
        "PUT | /api/v1/namespaces/n/secrets/s"
            + " | cannot update resource \"secrets\" in API group \"\" in the namespace \"n\"",
        "GET | /api/v1/secrets?fieldSelector=type%3Dx&watch=1"
            + " | cannot watch resource \"secrets\" in API group \"\" at the cluster scope",
        "GET | /apis/azure.com/v1alpha1/deviceprocessdeployments"
            + " | cannot list resource \"deviceprocessdeployments\" in API group \"azure.com\" at"
            + " the cluster scope",
        "GET | /api/v1/namespaces/n"
            + " | cannot get resource \"namespaces\" in API group \"\" at the cluster scope",
        "POST | /api/v1/namespaces/n/events"
            + " | cannot create resource \"events\" in API group \"\" in the namespace \"n\"",
      })
  void namesTheRightARequestNeedsAsTheApiServerDoes(String method, String url, String right) {
    assertThat(RequestedRight.of(method, URI.create("https://k:6443" + url)))
        .hasValueSatisfying(r -> assertThat(r.describe()).isEqualTo(right));
  }

  @ParameterizedTest(name = "{0} names no resource")
  @CsvSource({"/version", "/apis", "/apis/azure.com/v1alpha1", "/api/v1", "/healthz"})
  void urlsThatNameNoResourceNeedNoRight(String url) {
    assertThat(RequestedRight.of("GET", URI.create("https://k:6443" + url))).isEmpty();
  }
}
