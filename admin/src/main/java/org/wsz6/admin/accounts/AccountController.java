package org.wsz6.admin.accounts;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.admin.security.CurrentActor;
import org.wsz6.admin.web.BaseUrl;

/** Sign-in page and the pages a person uses for their own account: password change, reset, invitation. */
@Controller
public class AccountController {

    private final AccountService service;
    private final AccountTokens tokens;
    private final AccountRepository accounts;
    private final CurrentActor current;
    private final BaseUrl baseUrl;

    public AccountController(AccountService service, AccountTokens tokens, AccountRepository accounts,
                             CurrentActor current, BaseUrl baseUrl) {
        this.service = service;
        this.tokens = tokens;
        this.accounts = accounts;
        this.current = current;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/games";
    }

    @GetMapping("/login")
    String login() {
        return current.account().isPresent() ? "redirect:/games" : "admin/login";
    }

    @GetMapping("/account")
    String account() {
        return "admin/account";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam String current, @RequestParam String password,
                          @RequestParam String confirmation, RedirectAttributes flash) {
        try {
            service.changePassword(this.current.actor(), current, password, confirmation);
            flash.addFlashAttribute("ok", "Your password is changed.");
        } catch (AccountException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @GetMapping("/account/reset")
    String resetRequestForm() {
        return "admin/reset-request";
    }

    @PostMapping("/account/reset")
    String requestReset(@RequestParam(defaultValue = "") String email, HttpServletRequest request, RedirectAttributes flash) {
        try {
            service.requestPasswordReset(email, baseUrl.of(request));
            flash.addFlashAttribute("ok", "If an active account uses " + email.trim()
                    + ", a link to reset its password is on its way. It works once, for one hour.");
        } catch (AccountException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account/reset";
    }

    @GetMapping("/account/reset/{token}")
    String resetForm(@PathVariable String token, Model model) {
        return tokenForm(token, AccountTokens.Purpose.RESET, "Choose a new password", "/account/reset/" + token, model);
    }

    @PostMapping("/account/reset/{token}")
    String reset(@PathVariable String token, @RequestParam String password, @RequestParam String confirmation,
                 RedirectAttributes flash) {
        return setPasswordByLink(() -> service.resetPassword(token, password, confirmation),
                "Your password is changed. You can sign in now.", "/account/reset/" + token, flash);
    }

    @GetMapping("/account/invite/{token}")
    String inviteForm(@PathVariable String token, Model model) {
        return tokenForm(token, AccountTokens.Purpose.INVITE, "Welcome! Choose your password", "/account/invite/" + token, model);
    }

    @PostMapping("/account/invite/{token}")
    String acceptInvite(@PathVariable String token, @RequestParam String password, @RequestParam String confirmation,
                        RedirectAttributes flash) {
        return setPasswordByLink(() -> service.acceptInvitation(token, password, confirmation),
                "Your password is set. You can sign in now.", "/account/invite/" + token, flash);
    }

    /** Reset and invitation links end the same way: to sign-in when it worked, back to the form with the reason if not. */
    private static String setPasswordByLink(Runnable setPassword, String done, String formPath, RedirectAttributes flash) {
        try {
            setPassword.run();
            flash.addFlashAttribute("ok", done);
            return "redirect:/login";
        } catch (AccountException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:" + formPath;
        }
    }

    private String tokenForm(String token, AccountTokens.Purpose purpose, String heading, String action, Model model) {
        model.addAttribute("heading", heading);
        model.addAttribute("action", action);
        try {
            long userId = tokens.peek(token, purpose);
            model.addAttribute("valid", true);
            model.addAttribute("username", accounts.findById(userId).map(Account::username).orElse(null));
        } catch (AccountException e) {
            model.addAttribute("valid", false);
            model.addAttribute("username", null);
            if (!model.containsAttribute("error")) {
                model.addAttribute("error", e.getMessage());
            }
        }
        return "admin/password-form";
    }
}
