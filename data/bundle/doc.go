// Package bundle reads and writes Tavoli's exchange files (".tavoli"): the records one installation
// sends to another, on a USB stick or by e-mail, to be merged there. It is the file format only; what
// goes into a bundle and how it is merged belong to the store.
//
// # The plain form
//
// A plain bundle is a magic line, two gzip members (RFC 1952) and a seal line:
//
//	TAVOLI-BUNDLE 1\n             the magic line; the number is the format version
//	gzip member: the header line
//	  {"format":"tavoli-bundle","version":1,"schema":5,"ambito_id":…,"created":…,"since":0,"upto":42,…}
//	gzip member: the record lines, then the trailer line
//	  {"kind":"person","id":"0190…","row":{"name":"Rossi","seats":3,"photo":{"bytes":"iVBO…"}}}
//	  … one line per record …
//	  {"end":true,"counts":{"person":1},"sha256":"9f86…"}
//	TAVOLI-SEAL 3a7b…\n           the SHA-256 of every byte before this line, in hex
//
// Every line inside the members is one JSON object in UTF-8 ending in "\n". The header's fields are
// those of [Header] (counts and sha256 are in the trailer). The records come in the order they were
// written. The trailer's sha256 is the SHA-256, in lower-case hex, of the record lines exactly as they
// are in the second member's content: from its first byte up to and including the "\n" that ends the
// last record line (the SHA-256 of nothing when there are no records). Its counts are the number of
// records of each kind. It is the content's identity, whatever the compression or the encryption.
//
// Each check has its reason. The header has a member of its own so that its CRC-32 is checked before it
// is believed: a damaged byte must not make it claim a newer schema or another Ambito. A reader
// recomputes the trailer's checksum and counts, and refuses a bundle whose trailer is missing or
// followed by anything. The seal covers every byte, the bits deflate leaves unused included, so that no
// change to a bundle goes unnoticed. Every gzip member header is the same ten bytes (no name, no time,
// no extra fields): the plain form of the same header and records is the same, byte for byte, and a
// file someone decompressed and recompressed is refused.
//
// A reader holds no more than the file's size warrants. The format has no length or count that a
// reader would believe before reading what it describes: the only amplifications are deflate, which
// turns a kilobyte into up to a megabyte, and scrypt, whose cost age reads from the file. A reader
// refuses content that grows past a fixed ratio to the compressed bytes read so far (plus a few MiB
// that no small bundle reaches), charging each record a fixed cost besides its bytes, and a header
// line over 64 KiB; it accepts no scrypt cost above the one Tavoli writes. Tavoli's bundles inflate
// well under a tenth of that ratio.
//
// # Values
//
// A record's row maps column names to values of six Go types, each with one JSON form:
//
//	nil      null
//	bool     true, false
//	int64    an integer literal: 42, -7 (never through float64, so every int64 is exact)
//	float64  a literal with a fraction or an exponent: 3.0, 0.1, 1e+21, -0.0; NaN and ±Inf as
//	         {"float":"NaN"}, {"float":"+Inf"}, {"float":"-Inf"}
//	string   a JSON string; a string that is not valid UTF-8 as {"text":"<base64>"}, keeping its bytes
//	[]byte   {"bytes":"<base64>"} (standard alphabet, padded); a nil []byte reads back as an empty one
//
// A reader gives back exactly what was written (the same Go type and value), and a row is never nil.
//
// # The encrypted form
//
// The encrypted form, the default, is the plain form encrypted with age (age-encryption.org/v1) to a
// passphrase: a single scrypt recipient, as age requires. A reader tells the forms apart by their
// first line ("age-encryption.org/v1" or the magic line) and needs a passphrase only for the encrypted
// one. age authenticates its header and every 64 KiB chunk before releasing it, so the bundle's header
// is authentic before it is read, and a wrong passphrase or an altered byte is caught.
//
// # Compatibility
//
// A reader refuses a format version newer than [Version], and a bundle whose database schema is newer
// than the one the caller knows. Members it does not know in the header, in a record's envelope and in
// the trailer are ignored: a later Tavoli may add information an older one can do without, keeping the
// version. Anything an older reader must not ignore (a new value form, a new line, a new meaning)
// needs a new version. Columns are the store's business and pass through untouched.
//
// # Refusals
//
// Every refusal is a [data.Error] whose Key is one of the Key constants of this package, a sentence
// the interface shows. Records come out of [Reader.Next] before the end is verified: apply nothing
// until Next has returned [io.EOF].
package bundle
