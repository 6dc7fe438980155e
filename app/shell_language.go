// The interface language: Italian first, English second, a C locale included.

package app

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/assets"
)

// Languages the interface speaks, Italian first.
var Languages = i18n.Languages

// SetupLanguage loads our translations and makes Fyne's lang and our i18n use the chosen language
// (i18n.Choose): $TAVOLI_LANG, else the preference saved for this installation, else Italian, whatever
// the system locale says, a "C" or unset one included. Fyne 2.7 has no setter for the language and
// ignores $LANGUAGE under a "C" locale, so the locale variables of this process are set before the
// translations are loaded. It returns the language in use.
func SetupLanguage(pref string) string {
	l := i18n.Setup(pref) // the texts outside widgets (errors, the command line) speak the same language
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
