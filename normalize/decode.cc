// Charset decision and decoding: BOM, then the HTML declaration, then detection (UTF-8 vs
// GB18030 with ICU's CharsetDetector). Invalid sequences become U+FFFD and are counted;
// inputs that are not text at all are refused with a message naming what they look like.
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cctype>
#include <memory>

#include "model/errors.h"
#include "normalize/decode.h"
#include "normalize/normalize.h"

namespace nianbao::normalize {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Decode UTF-8, replacing each maximal invalid subpart by U+FFFD (as WHATWG does): the
// well-formed stretches copied as valid_utf8_prefix finds them (nearly always the whole input).
// `valid` is valid_utf8_prefix(in) when the caller knows it.
std::string decode_utf8(std::string_view in, std::size_t& replaced, std::size_t valid) {
  if (valid == in.size()) return std::string(in);
  std::string out;
  out.reserve(in.size());
  for (;;) {
    out.append(in.data(), valid);
    in.remove_prefix(valid);
    if (in.empty()) return out;
    in.remove_prefix(invalid_subpart_length(in, 0));
    out += "\xEF\xBF\xBD";
    ++replaced;
    valid = valid_utf8_prefix(in);
  }
}

std::string decode_utf8(std::string_view in, std::size_t& replaced) {
  return decode_utf8(in, replaced, valid_utf8_prefix(in));
}

struct ReplaceCounter {
  std::size_t count = 0;
};

void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char*,
                          int32_t, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR && reason != UCNV_UNASSIGNED) return;
  auto* counter = static_cast<ReplaceCounter*>(const_cast<void*>(context));
  ++counter->count;
  *err = U_ZERO_ERROR;
  const UChar fffd = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

// Convert with ICU; `replaced` counts invalid sequences.
std::string convert_with_icu(std::string_view bytes, const std::string& encoding,
                             std::size_t& replaced, const std::string& file) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(encoding.c_str(), &status),
                                                         &ucnv_close);
  if (U_FAILURE(status) || !conv) throw InputError(file, "unknown encoding " + encoding);
  ReplaceCounter counter;
  ucnv_setToUCallBack(conv.get(), count_and_substitute, &counter, nullptr, nullptr, &status);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  if (U_FAILURE(status)) throw InputError(file, "cannot decode as " + encoding + ": " + u_errorName(status));
  std::string out;
  text.toUTF8String(out);
  replaced = counter.count;
  return out;
}

// Count of invalid sequences if `bytes` were read as `encoding` (without keeping the text).
std::size_t invalid_count(std::string_view bytes, const std::string& encoding) {
  std::size_t replaced = 0;
  if (encoding == "UTF-8") {
    decode_utf8(bytes, replaced);
    return replaced;
  }
  convert_with_icu(bytes, encoding, replaced, "");
  return replaced;
}

// A few NUL bytes in text are damage (a bad download, a stray byte of a converter): at most
// this many in the first 64 KiB, and fewer than one in 50 bytes. More is a binary file.
constexpr std::size_t kMaxDamageNuls = 8;
constexpr std::size_t kNulDamageRatio = 50;

// UTF-16 without a BOM: ASCII characters (digits, spaces, line breaks, punctuation of a report)
// put a NUL in every other byte. At least this share of the bytes are NULs (1 in 64) and
// most of them (7 of 8) on the same side of each pair (a CJK character such as 一, U+4E00, puts
// one on the other side).
constexpr std::size_t kUtf16NulShare = 64;
constexpr std::size_t kMinUtf16Nuls = 8;

std::string magic_kind(std::string_view b);

// The offset of the first NUL byte, npos if none.
std::size_t first_nul(std::string_view b) {
  const void* p = std::memchr(b.data(), 0, b.size());
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - b.data()) : std::string_view::npos;
}

// "UTF-16LE"/"UTF-16BE" when the first 64 KiB look like UTF-16 without a BOM, else "".
// `first`: the offset of the first NUL byte of `b` (first_nul).
std::string bomless_utf16(std::string_view b, std::size_t first) {
  const std::size_t n = std::min<std::size_t>(b.size(), 65536) & ~std::size_t{1};
  if (first >= n) return "";  // no NUL: not UTF-16 (the usual case, found without counting)
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (b[i] == '\0') ++((i & 1) ? odd : even);
  const std::size_t nul = even + odd;
  if (nul < kMinUtf16Nuls || nul * kUtf16NulShare < n || !magic_kind(b).empty()) return "";
  if (odd * 8 >= nul * 7) return "UTF-16LE";
  if (even * 8 >= nul * 7) return "UTF-16BE";
  return "";
}

// What a non-text file looks like, from its first bytes ("" if it does not look binary).
std::string magic_kind(std::string_view b) {
  // A PDF reaches the text decoder only when --text or --html forced it: without them it is read as a PDF.
  if (b.starts_with("%PDF-")) return "a PDF file; read it without --text/--html";
  if (b.starts_with("\x89PNG")) return "a PNG image";
  if (b.starts_with("\xFF\xD8\xFF")) return "a JPEG image";
  if (b.starts_with("GIF8")) return "a GIF image";
  if (b.starts_with("PK\x03\x04")) return "a ZIP archive (a .docx? read it without --text/--html)";
  if (b.starts_with("\x1F\x8B")) return "a gzip-compressed file";
  if (b.starts_with("\xD0\xCF\x11\xE0"))  // Word 97–2003, WPS, Excel, or an encrypted .docx
    return "a Word 97-2003 (.doc) or WPS document (OLE2), not read directly: convert it to .docx first "
           "(libreoffice --headless --convert-to docx FILE)";
  if (b.starts_with("\x7F" "ELF")) return "an executable";
  return "";
}

std::string binary_kind(std::string_view b) {
  if (std::string magic = magic_kind(b); !magic.empty()) return magic;
  // NUL bytes or many C0 controls in the first 64 KiB: not text.
  const std::size_t n = std::min<std::size_t>(b.size(), 65536);
  std::size_t nul = 0, controls = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  {  // 16 bytes at a time (SSE2, every x86-64): the bytes up to 0x1F, then which of them count
    const __m128i c1f = _mm_set1_epi8(0x1F), nine = _mm_set1_epi8(9), four = _mm_set1_epi8(4),
                  escape = _mm_set1_epi8(0x1B), zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + i));
      const auto low = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v)));
      if (low == 0) continue;
      const __m128i from_tab = _mm_sub_epi8(v, nine);  // \t \n \v \f \r → 0–4
      const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(from_tab, four), from_tab)));
      const auto nuls = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)));
      const auto escapes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, escape)));
      // Counted only when there are some: a line feed is nearly always all the block holds, and
      // a count of bits is a call (no POPCNT instruction in the x86-64 baseline).
      if (const unsigned other = low & ~nuls & ~spaces & ~escapes; other != 0)
        controls += static_cast<std::size_t>(__builtin_popcount(other));
      if (nuls != 0) nul += static_cast<std::size_t>(__builtin_popcount(nuls));
    }
  }
#endif
  for (; i < n; ++i) {
    // Eight bytes at a time while none of them is below 0x20 (most text).
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, b.data() + i, 8);
      if ((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(b[i]);
    if (c == 0) ++nul;
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B)
      ++controls;
  }
  if (nul > kMaxDamageNuls || nul * kNulDamageRatio > n) return "binary data (NUL bytes)";
  if (n > 0 && controls * 20 > n) return "binary data (control characters)";
  return "";
}

// The charset declared by an HTML page in its first 4 KiB, lowercased ("" if none).
std::string declared_html_charset(std::string_view bytes) {
  const std::string head = lower_ascii(bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096)));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t end = head.find('>', pos);
    const std::string_view tag(head.data() + pos, (end == std::string::npos ? head.size() : end) - pos);
    pos += 5;
    const std::size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    std::size_t i = cs + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t')) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '"' || tag[i] == '\'')) ++i;
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                              tag[j] == '_' || tag[j] == ':' || tag[j] == '.'))
      ++j;
    // The first declaration with a label we know wins, as in the HTML standard's prescan.
    if (j > i && !canonical_charset(tag.substr(i, j - i)).empty()) return std::string(tag.substr(i, j - i));
  }
  return "";
}

// ICU's detector, restricted to the two charsets Chinese sites use.
std::string detect_chinese_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), &ucsdet_close);
  if (U_FAILURE(status)) return "GB18030";
  const std::size_t n = std::min<std::size_t>(bytes.size(), 1 << 20);
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(n), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &status);
  if (U_SUCCESS(status)) {
    for (int32_t i = 0; i < count; ++i) {
      const std::string name = ucsdet_getName(matches[i], &status);
      if (name == "UTF-8" || name == "GB18030") return name;
    }
  }
  return "GB18030";
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) { return valid_utf8_prefix(bytes) == bytes.size(); }

std::string canonical_charset(std::string_view label_in) {
  std::string label = lower_ascii(label_in);
  label.erase(std::remove_if(label.begin(), label.end(), [](char c) { return c == ' ' || c == '"' || c == '\''; }),
              label.end());
  if (label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8") return "UTF-8";
  if (label == "gb2312" || label == "gbk" || label == "gb18030" || label == "x-gbk" || label == "cp936" ||
      label == "gb_2312-80" || label == "euc-cn" || label == "csgb2312" || label == "iso-ir-58" ||
      label == "chinese" || label == "windows-936" || label == "ms936")
    return "GB18030";
  if (label == "big5" || label == "big5-hkscs" || label == "x-x-big5" || label == "cn-big5") return "Big5";
  if (label == "utf-16le" || label == "utf-16") return "UTF-16LE";
  if (label == "utf-16be") return "UTF-16BE";
  if (label == "iso-8859-1" || label == "latin1" || label == "us-ascii" || label == "ascii" ||
      label == "windows-1252")
    return "windows-1252";
  if (label.empty()) return "";
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(label.c_str(), &status);
  if (U_FAILURE(status) || !conv) return "";
  std::string name = ucnv_getName(conv, &status);
  ucnv_close(conv);
  return U_SUCCESS(status) ? name : "";
}

namespace {

// A declared charset is trusted unless it yields many invalid sequences (at least this many,
// and one in 1000 bytes) while UTF-8 or GB18030 yields none: then the bytes win.
constexpr std::size_t kManyInvalid = 8;
constexpr std::size_t kInvalidPerBytes = 1000;

bool many_invalid(std::size_t invalid, std::size_t bytes) {
  return invalid >= kManyInvalid && invalid * kInvalidPerBytes >= bytes;
}

// A text of UTF-8 lines and GB18030 lines (a page pasted together from two sources): each line
// read in the one of the two that reads it without an invalid sequence. Returns the number of
// lines read as GB18030 (0: not mixed) and sets `text` and `replaced`.
std::size_t decode_mixed(std::string_view bytes, std::string& text, std::size_t& replaced) {
  std::size_t gb_lines = 0, utf8_lines = 0, bad = 0;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = bytes.find('\n', start);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    const std::string_view line = bytes.substr(start, end - start);
    std::size_t utf8_bad = 0;
    std::string as_utf8 = decode_utf8(line, utf8_bad);
    if (utf8_bad == 0) {
      utf8_lines += std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
      out += as_utf8;
    } else {
      std::size_t gb_bad = 0;
      std::string as_gb = convert_with_icu(line, "GB18030", gb_bad, "");
      ++gb_lines;
      bad += std::min(gb_bad, utf8_bad);
      out += gb_bad <= utf8_bad ? as_gb : as_utf8;
    }
    start = end;
  }
  if (gb_lines == 0 || utf8_lines == 0) return 0;
  text = std::move(out);
  replaced = bad;
  return gb_lines;
}

}  // namespace

Decoded decode_in_place(std::string_view bytes_in, const DecodeOptions& options, std::string_view& in_place) {
  in_place = {};
  Decoded d;
  std::string_view bytes = bytes_in;
  // Looked for once: a UTF-16 text without a BOM has NULs, and a few in other text are damage.
  const std::size_t first_nul_in = first_nul(bytes_in);
  // 1. BOM, or UTF-16 without one.
  std::string encoding;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    encoding = "UTF-8";
    bytes.remove_prefix(3);
    d.method = "bom";
  } else if (bytes.starts_with("\xFF\xFE")) {
    encoding = "UTF-16LE";
    bytes.remove_prefix(2);
    d.method = "bom";
  } else if (bytes.starts_with("\xFE\xFF")) {
    encoding = "UTF-16BE";
    bytes.remove_prefix(2);
    d.method = "bom";
  } else if (options.encoding.empty()) {
    encoding = bomless_utf16(bytes, first_nul_in);
    if (!encoding.empty()) {
      d.method = "detected";
      d.note = "no byte order mark, but the bytes are " + encoding;
    }
  }
  // 2. A forced encoding wins over everything but the decision to refuse binary input.
  if (!options.encoding.empty()) {
    encoding = canonical_charset(options.encoding);
    if (encoding.empty()) throw InputError(options.file, "unknown encoding '" + options.encoding + "' (--encoding)");
    d.method = "override";
  }
  const bool utf16 = encoding.rfind("UTF-16", 0) == 0;
  // A few NUL bytes are damage: dropped and counted. More is a binary file.
  std::string without_nuls;
  if (!utf16) {
    const std::string kind = binary_kind(bytes);
    // Whether `bytes` hold a NUL: whether the input does (a byte order mark holds none).
    const bool nul = first_nul_in != std::string_view::npos;
    const std::size_t at = nul ? first_nul_in : 0;
    if (!kind.empty())
      throw InputError(options.file, "not a text or HTML file: " + kind,
                       "byte " + std::to_string(kind.find("NUL") != std::string::npos ? at : 0));
    if (nul) {
      without_nuls.reserve(bytes.size());
      for (const char c : bytes)
        if (c != '\0') without_nuls += c;
      d.nuls = bytes.size() - without_nuls.size();
      d.nul_note = std::to_string(d.nuls) + " NUL bytes dropped (damage in a text file), the first at byte " +
                   std::to_string(at);
      bytes = without_nuls;
    }
  }
  // The UTF-8 reading is made at most once: for validity and, when it is the answer, as text;
  // bytes well-formed as they are are not copied (utf8_whole).
  std::string utf8;
  std::size_t utf8_bad = 0;
  bool utf8_read = false, utf8_whole = false;
  auto utf8_invalid = [&]() {
    if (!utf8_read) {
      const std::size_t valid = valid_utf8_prefix(bytes);
      utf8_whole = valid == bytes.size();
      if (!utf8_whole) utf8 = decode_utf8(bytes, utf8_bad, valid);
    }
    utf8_read = true;
    return utf8_bad;
  };
  // 3. The HTML declaration (the first <meta> with a known label).
  if (encoding.empty() && options.html) {
    const std::string label = declared_html_charset(bytes);
    if (!label.empty()) {
      encoding = canonical_charset(label);
      d.method = "declared";
      // HTML standard: a page cannot declare UTF-16 in a <meta> it could read as ASCII.
      if (encoding.rfind("UTF-16", 0) == 0) {
        encoding = "UTF-8";
        d.note = "declared " + label + " in a <meta>, read as UTF-8 (HTML standard)";
      }
    }
  }
  // 3b. A declaration the bytes contradict: the declared encoding gives many invalid sequences
  // where UTF-8 or GB18030 gives none.
  std::string declared_text;
  std::size_t declared_bad = 0;
  if (d.method == "declared") {
    if (encoding == "UTF-8") declared_bad = utf8_invalid();
    else declared_text = convert_with_icu(bytes, encoding, declared_bad, options.file);
    if (many_invalid(declared_bad, bytes.size())) {
      const std::string declared = encoding;
      if (encoding != "UTF-8" && utf8_invalid() == 0) encoding = "UTF-8";
      else if (encoding != "GB18030" && invalid_count(bytes, "GB18030") * 10 < declared_bad) encoding = "GB18030";
      if (encoding != declared) {
        declared_text.clear();
        d.method = "detected";
        d.note = "declared " + declared + ", but the bytes are " + encoding + " (" + std::to_string(declared_bad) +
                 " invalid sequences as " + declared + ")";
      }
    }
  }
  // 4. Detection.
  if (encoding.empty()) {
    d.method = "detected";
    encoding = utf8_invalid() == 0 ? "UTF-8" : detect_chinese_charset(bytes);
  }
  d.encoding = encoding;
  if (encoding == "UTF-8") {
    utf8_invalid();
    if (!utf8_whole) d.text = std::move(utf8);
    else if (d.nuls == 0) in_place = bytes;  // a stretch of bytes_in
    else d.text = std::string(bytes);        // of without_nuls, which is freed on return
    d.replaced = utf8_bad;
  } else if (!declared_text.empty()) {
    d.text = std::move(declared_text);
    d.replaced = declared_bad;
  } else {
    d.text = convert_with_icu(bytes, encoding, d.replaced, options.file);
  }
  // 5. Mixed UTF-8 and GB18030 (a page pasted together): decoded line by line, and said so.
  if (d.replaced > 0 && (encoding == "UTF-8" || encoding == "GB18030") && d.method != "override") {
    std::string mixed;
    std::size_t mixed_bad = 0;
    if (const std::size_t gb_lines = decode_mixed(bytes, mixed, mixed_bad); gb_lines > 0 && mixed_bad < d.replaced) {
      d.text = std::move(mixed);
      d.replaced = mixed_bad;
      d.note = "mixed encodings: " + std::to_string(gb_lines) +
               " lines are GB18030 and the others UTF-8; each line was read in its own";
    }
  }
  // A BOM inside the decoded text (UTF-16 input) is not content.
  if (d.text.starts_with("\xEF\xBB\xBF")) d.text.erase(0, 3);
  if (in_place.starts_with("\xEF\xBB\xBF")) in_place.remove_prefix(3);
  return d;
}

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  std::string_view in_place;
  Decoded d = decode_in_place(bytes, options, in_place);
  if (!in_place.empty()) d.text = std::string(in_place);
  return d;
}

}  // namespace nianbao::normalize
