package dev.parley.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.testing.NoStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package table of docs/architecture.md true: no package cycle, each package uses only
 * the packages its row allows, the table names every package there is, domain code knows no HTTP or
 * SQL, nothing uses api.*.
 */
@NoStore
class LayeringTest {
  private static final String ROOT = "dev.parley.";

  private static final JavaClasses PARLEY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.parley");

  /** Every package may use these. */
  private static final List<String> EVERYWHERE = List.of("error", "ids", "json");

  /**
   * The arrows: each package (under dev.parley) and the packages it may use besides itself and
   * {@link #EVERYWHERE}. docs/architecture.md's package table says the same.
   */
  private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("app", List.of("*"));
    MAY_USE.put("http", List.of("net", "auth", "events", "store"));
    MAY_USE.put("api.accounts", List.of("http", "auth", "store"));
    MAY_USE.put(
        "api.conversations", List.of("http", "conversation", "shapes", "auth", "events", "store"));
    MAY_USE.put("api.flex", List.of("http", "webchat", "auth", "events", "store"));
    MAY_USE.put("api.parley", List.of("http", "agents", "webhooks", "auth", "store"));
    MAY_USE.put("api.media", List.of("http", "media", "auth", "store"));
    MAY_USE.put("api.studio", List.of("http", "studio", "auth", "store"));
    MAY_USE.put("conversation", List.of("events", "media", "shapes", "store"));
    MAY_USE.put("shapes", List.of("events", "store"));
    MAY_USE.put("media", List.of("store"));
    MAY_USE.put("webchat", List.of("conversation", "auth", "events", "store"));
    MAY_USE.put("auth", List.of("store"));
    MAY_USE.put("events", List.of("store"));
    MAY_USE.put("webhooks", List.of("conversation", "net", "auth", "events", "store"));
    MAY_USE.put("agents", List.of("conversation", "auth", "events", "store"));
    MAY_USE.put("studio", List.of("conversation", "events", "webhooks", "store"));
    MAY_USE.put("realtime", List.of("http", "conversation", "auth", "events", "store"));
    MAY_USE.put(
        "realtime.sync", List.of("realtime", "conversation", "shapes", "auth", "events", "store"));
    MAY_USE.put(
        "realtime.client",
        List.of(
            "realtime",
            "realtime.sync",
            "conversation",
            "shapes",
            "media",
            "auth",
            "events",
            "store"));
    MAY_USE.put("store", List.of());
    MAY_USE.put("store.sql", List.of("store"));
    MAY_USE.put("widget", List.of("http"));
    MAY_USE.put("console", List.of("http", "widget", "agents", "media", "auth", "store"));
    MAY_USE.put("observe", List.of("http"));
    MAY_USE.put("error", List.of());
    MAY_USE.put("ids", List.of());
    MAY_USE.put("net", List.of());
    MAY_USE.put("json", List.of());
  }

  @Test
  void no_package_cycle() {
    slices().matching("dev.parley.(**)").should().beFreeOfCycles().check(PARLEY);
  }

  @Test
  void the_package_table_names_every_package() {
    Set<String> packages =
        PARLEY.stream()
            .map(JavaClass::getPackageName)
            .filter(name -> name.startsWith(ROOT))
            .map(name -> name.substring(ROOT.length()))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(packages)
        .as("packages missing from LayeringTest.MAY_USE and docs/architecture.md")
        .isSubsetOf(MAY_USE.keySet());
    assertThat(MAY_USE.keySet()).as("packages in the table that do not exist").isSubsetOf(packages);
  }

  @Test
  void each_package_uses_only_the_packages_its_row_allows() {
    List<String> violations = new ArrayList<>();
    MAY_USE.forEach(
        (pkg, allowed) -> {
          if (allowed.contains("*")) {
            return;
          }
          String[] mayUse =
              Stream.of(List.of(pkg), EVERYWHERE, allowed)
                  .flatMap(List::stream)
                  .map(name -> ROOT + name)
                  .toArray(String[]::new);
          EvaluationResult result =
              classes()
                  .that()
                  .resideInAPackage(ROOT + pkg)
                  .should()
                  .onlyDependOnClassesThat(
                      resideOutsideOfPackage("dev.parley..").or(resideInAnyPackage(mayUse)))
                  .as(pkg + " uses only " + String.join(", ", allowed) + " (and error, ids, json)")
                  .allowEmptyShould(true)
                  .evaluate(PARLEY);
          if (result.hasViolation()) {
            violations.add(result.getFailureReport().toString());
          }
        });

    assertThat(violations).as("arrows outside the table").isEmpty();
  }

  /**
   * The SDK's tunnelled commands act through the domain services' entries, as REST does, which open
   * the transactions: none is opened in {@code realtime.client}, so none can skip what the entry
   * does (its pre-action, its checks).
   */
  @Test
  void the_sdk_commands_open_no_transaction_of_their_own() {
    noClasses()
        .that()
        .resideInAPackage("dev.parley.realtime.client..")
        .should()
        .callMethod(Store.class, "read", Function.class)
        .orShould()
        .callMethod(Store.class, "write", Function.class)
        .orShould()
        .callMethod(Store.class, "readOne", Function.class)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(Tx.class.getName())
        .check(PARLEY);
  }

  @Test
  void domain_code_imports_no_http_or_sql() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.parley.conversation..",
            "dev.parley.webchat..",
            "dev.parley.auth..",
            "dev.parley.events..",
            "dev.parley.agents..",
            "dev.parley.ids..",
            "dev.parley.json..",
            "dev.parley.media..",
            "dev.parley.shapes..",
            "dev.parley.studio..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..", "org.jdbi..", "java.sql..", "dev.parley.store.sql..", "dev.parley.http..")
        .check(PARLEY);
  }

  /** Methods that would change a shared mapper's configuration for everyone who uses it. */
  private static final List<String> RECONFIGURING =
      List.of("set", "enable", "disable", "configure", "register", "findAndRegister", "addMixIn");

  @Test
  void only_the_json_package_makes_or_configures_an_object_mapper() {
    DescribedPredicate<JavaCall<?>> makesOrConfigures =
        new DescribedPredicate<>("make, copy or reconfigure an ObjectMapper") {
          @Override
          public boolean test(JavaCall<?> call) {
            JavaClass owner = call.getTargetOwner();
            String name = call.getName();
            if (owner.isAssignableTo(ObjectMapper.class)) {
              return name.equals(JavaConstructor.CONSTRUCTOR_NAME)
                  || name.equals("builder")
                  || name.equals("copy")
                  || RECONFIGURING.stream().anyMatch(name::startsWith);
            }
            return owner.isAssignableTo(MapperBuilder.class);
          }
        };

    noClasses()
        .that()
        .resideOutsideOfPackage("dev.parley.json")
        .should()
        .callCodeUnitWhere(makesOrConfigures)
        .because(
            "Json.MAPPER is the one mapper and JsonInput reads client JSON (docs/architecture.md)")
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
