package dev.parley.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and every file in it are owner-only, whatever the umask (POSIX). */
class DataDirectoryPermissionsTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000003";
  private static final String TOKEN = "permissions-test-token";

  @TempDir Path parent;

  @Test
  void creates_the_data_directory_and_every_file_in_it_owner_only() throws IOException {
    Path data = parent.resolve("data");

    try (Parley parley = Parley.start(config(data))) {
      createConversation(parley);

      assertThat(permissions(data)).isEqualTo("rwx------");
      assertThat(filePermissions(data))
          .containsKeys("parley.db", "parley.db-wal", "parley.db-shm", "master.key")
          .allSatisfy((name, permissions) -> assertThat(permissions).isEqualTo("rw-------"));
    }
  }

  @Test
  void tightens_a_data_directory_and_files_left_open() throws IOException {
    Path data = parent.resolve("open");
    Parley.start(config(data)).close();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path file : List.of(data.resolve("parley.db"), data.resolve("master.key"))) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    try (Parley parley = Parley.start(config(data))) {
      createConversation(parley);

      assertThat(permissions(data)).isEqualTo("rwx------");
      assertThat(filePermissions(data))
          .containsKeys("parley.db", "parley.db-wal", "master.key")
          .allSatisfy((name, permissions) -> assertThat(permissions).isEqualTo("rw-------"));
    }
  }

  private static Config config(Path data) {
    return new Config("127.0.0.1", 0, data, null, ACCOUNT, TOKEN, null, null);
  }

  private static void createConversation(Parley parley) {
    given()
        .auth()
        .preemptive()
        .basic(ACCOUNT, TOKEN)
        .baseUri(parley.publicUrl())
        .formParam("FriendlyName", "written to disk")
        .post("/v1/Conversations")
        .then()
        .statusCode(201);
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static Map<String, String> filePermissions(Path dir) throws IOException {
    Map<String, String> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        found.put(dir.relativize(file).toString(), permissions(file));
      }
    }
    return found;
  }
}
