package app

import (
	"fmt"
	"maps"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
)

// Languages the interface speaks, Italian first.
var Languages = []string{"it", "en"}

// SetupLanguage loads our translations and makes lang use the chosen language: $TAVOLI_LANG, else the
// preference saved for this installation, else Italian — whatever the system locale says, a "C" or
// unset one included. Fyne 2.7 has no setter for the language and ignores $LANGUAGE under a "C"
// locale, so the locale variables of this process are set before the translations are loaded.
// It returns the language in use.
func SetupLanguage(pref string) string {
	l := "it"
	for _, c := range []string{os.Getenv("TAVOLI_LANG"), pref} {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "it" || c == "en" {
			l = c
			break
		}
	}
	loc := map[string]string{"it": "it_IT.UTF-8", "en": "en_GB.UTF-8"}[l]
	os.Setenv("LANGUAGE", l)
	if os.Getenv("LC_ALL") != "" {
		os.Setenv("LC_ALL", loc)
	} else {
		os.Setenv("LC_MESSAGES", loc)
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fmt.Fprintln(os.Stderr, "tavoli: translations:", err)
	}
	overrideSystemLanguage(l)
	return l
}

// overrideSystemLanguage makes l win where the locale variables do not count: Windows and macOS tell
// Fyne the user's language through the system, and an English Windows would get English. Fyne picks
// the translation closest to the system's locale, falling back to English; so the chosen language's
// texts are also registered under the system's locale, its language and English, whichever is picked.
func overrideSystemLanguage(l string) {
	sys := lang.SystemLocale()
	if sys.LanguageString() == l {
		return
	}
	b, err := assets.Translations.ReadFile("translations/" + l + ".json")
	if err != nil {
		fmt.Fprintln(os.Stderr, "tavoli: translations:", err)
		return
	}
	for _, tag := range []fyne.Locale{"en", fyne.Locale(sys.LanguageString()), sys} {
		if err := lang.AddTranslationsForLocale(b, tag); err != nil {
			fmt.Fprintln(os.Stderr, "tavoli: translations:", err)
		}
	}
}

// Explain turns an error into sentences for a secretary: what happened and what to do. Domain errors
// are looked up by their key; an error they wrap that is itself a domain error is explained after it
// (an import row's line, then what is wrong with it). Anything else is an unexpected error, shown with
// its technical detail for whoever supports the office.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	e := data.AsError(err)
	if e == nil {
		return lang.L("err.unexpected", map[string]any{"detail": err.Error()})
	}
	args := maps.Clone(e.Args) // the error's own arguments stay as they are
	for k, v := range args {
		switch x := v.(type) {
		case time.Time:
			args[k], args[k+"_of"] = formatDay(x), ofDay(x)
		case data.ProposalState:
			args[k] = lang.L("pstate." + string(x))
		case data.Field:
			args[k] = lang.L("field." + string(x))
		}
	}
	msg := lang.X(e.Key, e.Key, args)
	if inner := data.AsError(e.Err); inner != nil {
		return msg + " " + Explain(inner)
	}
	if e.Code == data.EInternal && e.Err != nil {
		msg += " " + lang.L("err.detail", map[string]any{"detail": e.Err.Error()})
	}
	return msg
}
