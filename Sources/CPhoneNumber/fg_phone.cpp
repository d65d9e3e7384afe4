// A C shim over libphonenumber, so Swift code never sees C++ types.
#include "fg_phone.h"

#include <cstring>
#include <string>

#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

extern "C" int fg_phone_normalise(const char *raw, const char *region, char *out, size_t cap) {
    if (raw == nullptr || region == nullptr) return -1;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(std::string(raw), std::string(region), &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return -1;
    }
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    if (out != nullptr && cap > e164.size()) {
        std::memcpy(out, e164.c_str(), e164.size() + 1);
    } else if (out != nullptr && cap > 0) {
        out[0] = '\0';
    }
    return util->IsValidNumber(number) ? 1 : 0;
}

extern "C" int fg_phone_example(const char *region, int mobile, char *out, size_t cap) {
    if (region == nullptr || out == nullptr || cap == 0) return 0;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const auto type = mobile ? PhoneNumberUtil::MOBILE : PhoneNumberUtil::FIXED_LINE;
    if (!util->GetExampleNumberForType(std::string(region), type, &number)) return 0;
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    if (cap <= e164.size()) return 0;
    std::memcpy(out, e164.c_str(), e164.size() + 1);
    return 1;
}
