package org.wsz6.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * WSZ6-admin and WSZ6-play talk only through the versioned contract, so either can be deployed and
 * upgraded alone. This fails the build the moment one imports the other.
 */
@AnalyzeClasses(packages = "org.wsz6", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule adminNeverUsesPlay = noClasses().that().resideInAPackage("org.wsz6.admin..")
            .should().dependOnClassesThat().resideInAPackage("org.wsz6.play..")
            .because("admin reaches play only through org.wsz6.contract (the internal API)");

    @ArchTest
    static final ArchRule playNeverUsesAdmin = noClasses().that().resideInAPackage("org.wsz6.play..")
            .should().dependOnClassesThat().resideInAPackage("org.wsz6.admin..")
            .because("play reaches admin only through org.wsz6.contract (the internal API)");

    @ArchTest
    static final ArchRule contractDependsOnNeitherComponent = noClasses().that().resideInAPackage("org.wsz6.contract..")
            .should().dependOnClassesThat().resideInAnyPackage("org.wsz6.admin..", "org.wsz6.play..", "org.wsz6.app..")
            .because("the contract is the shared ground both components build on");

    @ArchTest
    static final ArchRule gameCodeIsReachedOnlyThroughTheGameHostInterface = noClasses()
            .that().resideInAPackage("org.wsz6.play..").and().resideOutsideOfPackage("org.wsz6.play.gamehost..")
            .should().dependOnClassesThat().haveSimpleNameStartingWith("WorkerProcess")
            .because("sessions use the GameHost interface; worker processes are the bridge's business");

    @ArchTest
    static final ArchRule playPackagesFormNoCycles = slices().matching("org.wsz6.play.(*)..").should().beFreeOfCycles()
            .because("each package of play can be read on top of the ones it uses (session uses lease and metrics; cluster and ws use session)");
}
