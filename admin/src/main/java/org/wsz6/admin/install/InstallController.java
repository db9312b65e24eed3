package org.wsz6.admin.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.security.CurrentActor;

/** The install page: metadata form plus zip upload, for a new game or a new version of one. */
@Controller
public class InstallController {

    private final GameInstaller installer;
    private final GameRepository games;
    private final Permissions permissions;
    private final CurrentActor current;

    public InstallController(GameInstaller installer, GameRepository games, Permissions permissions, CurrentActor current) {
        this.installer = installer;
        this.games = games;
        this.permissions = permissions;
        this.current = current;
    }

    @GetMapping("/games/install")
    String form(@RequestParam(required = false) String slug, Model model) {
        Actor actor = current.actor();
        permissions.require(actor, Action.INSTALL_GAME, Target.NONE);
        var existing = slug == null ? null : games.find(slug).orElse(null);
        if (existing != null) {
            permissions.require(actor, Action.UPDATE_GAME, existing.target());
        }
        model.addAttribute("existing", existing);
        model.addAttribute("form", new InstallRequest(slug, existing == null ? "" : existing.title(), "",
                existing == null ? "" : existing.summary(), GameStatus.DEV));
        return page(model);
    }

    @PostMapping("/games/install")
    String install(@RequestParam String slug, @RequestParam(defaultValue = "") String title,
                   @RequestParam(defaultValue = "") String version, @RequestParam(defaultValue = "") String summary,
                   @RequestParam(defaultValue = "dev") String status, @RequestParam("zip") MultipartFile zip,
                   Model model, RedirectAttributes flash) throws IOException {
        Actor actor = current.actor();
        permissions.require(actor, Action.INSTALL_GAME, Target.NONE); // before storing anything of the upload
        InstallRequest request = new InstallRequest(slug.trim().toLowerCase(java.util.Locale.ROOT), title, version, summary,
                GameStatus.fromWord(status));
        if (zip == null || zip.isEmpty()) {
            return refused(model, request, "Please choose the game's zip file.", null);
        }
        if (zip.getSize() > installer.limits().maxZipBytes()) {
            return refused(model, request, "The zip is too large: " + zip.getSize() / 1024 + " KiB (at most "
                    + installer.limits().maxZipBytes() / 1024 + " KiB).", null);
        }
        Path upload = Files.createTempFile("wsz6-upload", ".zip");
        try {
            zip.transferTo(upload);
            InstallResult result = installer.installZip(actor, request, upload);
            flash.addFlashAttribute("ok", (result.newGame() ? "Installed " : "Installed the new version ")
                    + result.version() + " of " + result.slug() + ". " + (result.validation() == null ? ""
                    : result.validation().summary()));
            flash.addFlashAttribute("report", result.validation() == null ? null : result.validation().details());
            return "redirect:/games/" + result.slug();
        } catch (InstallRefused e) {
            return refused(model, request, e.getMessage(), e.report());
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class, MultipartException.class})
    String tooLarge(Model model) {
        model.addAttribute("existing", null);
        return refused(model, new InstallRequest("", "", "", "", GameStatus.DEV),
                "The upload is too large or broken (the portal accepts zips up to "
                        + installer.limits().maxZipBytes() / 1048576 + " MiB).", null);
    }

    private String refused(Model model, InstallRequest request, String message, String report) {
        model.addAttribute("existing", request.slug() == null ? null : games.find(request.slug()).orElse(null));
        model.addAttribute("form", request);
        model.addAttribute("error", "Not installed: " + message);
        model.addAttribute("report", report);
        return page(model);
    }

    private String page(Model model) {
        model.addAttribute("statuses", GameStatus.values());
        model.addAttribute("maxZipMib", String.format(java.util.Locale.ROOT, "%.1f", installer.limits().maxZipBytes() / 1048576.0));
        return "admin/install";
    }
}
