package bundle

import (
	"strings"
	"unicode/utf8"

	"github.com/tavoli/tavoli/data"
)

// MinPassphrase is the fewest characters a passphrase that encrypts a bundle may have: a bundle carries
// people's names and contacts, and a short secret is guessed quickly.
const MinPassphrase = 8

// CheckPassphrase reports whether p may encrypt a bundle: a coded error with KeyPassphraseChoose when
// it is empty or only spaces, KeyPassphraseShort when it has fewer than MinPassphrase characters. Spaces
// at either end do not count, as they add nothing a guesser would not try, but they stay part of the
// passphrase: it is used exactly as typed. The window and the command line check a new passphrase
// with it, and so does NewWriter. Reading takes any passphrase: a bundle made before the rule, with a
// shorter one, must still open.
func CheckPassphrase(p string) error {
	core := strings.TrimSpace(p)
	switch {
	case core == "":
		return data.Errorf(data.EInvalid, KeyPassphraseChoose)
	case utf8.RuneCountInString(core) < MinPassphrase:
		return data.Errorf(data.EInvalid, KeyPassphraseShort, "n", MinPassphrase)
	}
	return nil
}
