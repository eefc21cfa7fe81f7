-- i18n/vi/site.lua: Vietnamese texts shared by every page.
return {
    ["site.name"] = "Grocer",
    ["site.language"] = "Ngôn ngữ",
    ["site.lang.vi"] = "Tiếng Việt",
    ["site.lang.en"] = "English",
    ["site.footer"] = "Siêu thị Grocer: thực phẩm tươi mỗi ngày.",
    ["home.title"] = "Trang chủ",
    ["home.heading"] = "Chào mừng đến với Grocer",
    ["home.soon"] = "Các quầy hàng, khuyến mãi và tìm kiếm sản phẩm sẽ sớm có mặt tại đây.",
    ["error.home_link"] = "Về trang chủ",
    ["error.404.title"] = "Không tìm thấy trang",
    ["error.404.body"] = "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
    ["error.405.title"] = "Thao tác không được hỗ trợ",
    ["error.405.body"] = "Trang này không nhận yêu cầu kiểu này.",
    ["error.500.title"] = "Đã có lỗi xảy ra",
    ["error.500.body"] = "Chúng tôi đang khắc phục. Vui lòng thử lại sau ít phút.",
}
