package io.rollwave.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised SSLContext whose client sockets check the server's certificate against the host
 * dialled (or {@code serverName}), as HTTPS does. jnats upgrades its socket with a bare {@code
 * createSocket(socket, host, port, true)} and checks no host name itself: without this, any
 * certificate the CA ever signed would pass for any server.
 */
final class EndpointCheckingSslContext extends SSLContext {
  EndpointCheckingSslContext(SSLContext base, Optional<String> serverName) {
    super(new Spi(base, serverName), base.getProvider(), base.getProtocol());
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext base;
    private final Optional<String> serverName;

    Spi(SSLContext base, Optional<String> serverName) {
      this.base = base;
      this.serverName = serverName;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw new UnsupportedOperationException("already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new CheckingFactory(base.getSocketFactory(), serverName);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return base.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return base.createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      String peer = serverName.orElse(host);
      SSLEngine engine = base.createSSLEngine(peer, port);
      engine.setSSLParameters(checking(engine.getSSLParameters(), peer));
      return engine;
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return base.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return base.getClientSessionContext();
    }
  }

  static SSLParameters checking(SSLParameters params, String peer) {
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (!peer.isEmpty() && !peer.matches("^[0-9.]+$") && !peer.contains(":")) {
      params.setServerNames(List.of(new SNIHostName(peer)));
    }
    return params;
  }

  private static final class CheckingFactory extends SSLSocketFactory {
    private final SSLSocketFactory base;
    private final Optional<String> serverName;

    CheckingFactory(SSLSocketFactory base, Optional<String> serverName) {
      this.base = base;
      this.serverName = serverName;
    }

    private Socket check(Socket socket, String host) {
      SSLSocket ssl = (SSLSocket) socket;
      ssl.setSSLParameters(checking(ssl.getSSLParameters(), host));
      return ssl;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      String peer = serverName.orElse(host);
      return check(base.createSocket(s, peer, port, autoClose), peer);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return check(base.createSocket(host, port), serverName.orElse(host));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return check(base.createSocket(host, port, local, localPort), serverName.orElse(host));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return check(base.createSocket(host, port), serverName.orElse(host.getHostAddress()));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return check(
          base.createSocket(host, port, local, localPort),
          serverName.orElse(host.getHostAddress()));
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return base.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return base.getSupportedCipherSuites();
    }
  }
}
