package dev.baton.server.http;

import dev.baton.server.tls.NodeTls;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS listener of a node with TLS: HTTP/1.1 over TLS 1.2+ on {@code http.port}, and nothing plain (a plain
 * HTTP request to it fails the handshake). The TLS context holds {@link NodeTls}'s reloading managers, so renewed
 * certificate files are served from the next handshake on. With {@code tls.clientCaFile}, a client must show a
 * certificate signed by that CA. Stateless factory.
 */
final class HttpsConnector {
    private HttpsConnector() {}

    static Connector create(Server server, HttpConfiguration http, String host, int port, NodeTls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.httpServerContext());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setNeedClientAuth(tls.requiresClientCertificates());
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients may dial a node by any name or address its certificate lists, or by one it does not (an IP
        // behind NAT): the certificate check is the client's, as with any HTTPS server.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl,
                HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
