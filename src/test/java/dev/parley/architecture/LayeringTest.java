package dev.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.parley.testing.NoStore;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package arrows of docs/architecture.md true: domain code knows no HTTP or SQL; nothing
 * uses api.*.
 */
@NoStore
class LayeringTest {
  private static final JavaClasses PARLEY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.parley");

  @Test
  void domain_code_imports_no_http_or_sql() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.parley.conversation..",
            "dev.parley.webchat..",
            "dev.parley.auth..",
            "dev.parley.events..",
            "dev.parley.flows..",
            "dev.parley.agents..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..", "org.jdbi..", "java.sql..", "dev.parley.store.sql..", "dev.parley.http..")
        .check(PARLEY);
  }

  @Test
  void nothing_outside_app_uses_the_api_handlers() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.parley.api..", "dev.parley.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.parley.api..")
        .check(PARLEY);
  }

  @Test
  void the_store_seam_knows_no_domain_or_http() {
    noClasses()
        .that()
        .resideInAPackage("dev.parley.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.parley.conversation..", "dev.parley.http..", "dev.parley.api..", "io.vertx..")
        .check(PARLEY);
  }

  @Test
  void only_the_sql_store_uses_jdbi() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.parley.store.sql..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jdbi..", "org.flywaydb..")
        .check(PARLEY);
  }
}
