package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import io.rollwave.testsupport.TestCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The control plane refuses to start against a NATS whose certificate its CA did not sign. */
@ExtendWith(RealServers.class)
class ControlPlaneTlsIT {

  @Test
  void aWrongNatsCaStopsTheStartWithOneLine(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) {
    Path otherCa =
        TestCertificates.in(RepoLayout.targetDir("control-plane-tls-it").resolve("other-ca"))
            .caFile();
    OperatorConfig config =
        TestControlPlanes.config(
            kube, nats, temporal, "cp-tls-it", Map.of("nats-ca-file", otherCa.toString()));
    assertThatThrownBy(() -> ControlPlane.start(config).close())
        .isInstanceOf(IOException.class)
        .hasMessage(
            "TLS with NATS at "
                + nats.url()
                + " failed: the server's certificate is not signed by the CA in --nats-ca-file "
                + otherCa);
  }
}
