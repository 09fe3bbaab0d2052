import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Amazon DynamoDB Local, started exactly as its own main would (same arguments), but listening on the
 * loopback interface only: DynamoDB Local has no option for the address and binds every interface. Run by
 * infra/local/src/dynamodb-local.ts with `java <this file>` (the JDK's source launcher: nothing is built or
 * shipped). It also stops when its parent goes away (its stdin closes), so no JVM outlives `npm start`.
 */
public final class LoopbackDynamoDb {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        serverConnector.setHost("127.0.0.1");
        bound++;
      }
    }
    if (bound == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind to 127.0.0.1");
    proxy.start();
    Thread parentWatch =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // Nothing is ever sent; end of input means the parent is gone.
                }
              } catch (Exception ignored) {
                // A broken pipe means the same.
              }
              try {
                proxy.stop();
              } catch (Exception ignored) {
                // Exiting anyway.
              }
              System.exit(0);
            },
            "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    proxy.join();
  }
}
