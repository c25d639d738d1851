/**
 * The closed catalogue of API error codes. Every code has an HTTP status and a message in
 * Vietnamese and English; adding a code without both fails to compile.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TOTP_SETUP_REQUIRED',
  'CSRF_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'PRECONDITION_REQUIRED',
  'STALE_VERSION',
  'DUPLICATE_CODE',
  'DUPLICATE_USERNAME',
  'UNIT_MOVE_CYCLE',
  'UNIT_LEVEL_INVALID',
  'UNIT_INACTIVE',
  'UNIT_HAS_CHILDREN',
  'UNIT_IS_ROOT',
  'UNIT_DATE_INVALID',
  'MERGE_INVALID',
  'SPLIT_INVALID',
  'CROSS_ASSOCIATION',
  'ADMIN_UNIT_UNKNOWN',
  'ROLE_UNKNOWN',
  'PASSWORD_WEAK',
  'PASSWORD_MISMATCH',
  'DATABASE_LOCKED',
  'BACKUP_INVALID',
  'RESTORE_TARGET_NOT_EMPTY',
  'INVALID_ID_NUMBER',
  'ID_NUMBER_WARNING',
  'DUPLICATE_ID_NUMBER',
  'MEMBER_ALREADY_ACTIVE',
  'DUPLICATE_MEMBER_NUMBER',
  'ILLEGAL_TRANSITION',
  'DECISION_REQUIRED',
  'REASON_REQUIRED',
  'MEMBER_DATE_INVALID',
  'MEMBER_IN_TRANSIT',
  'MEMBER_NOT_ACTIVE',
  'TRANSFER_SAME_UNIT',
  'TRANSFER_TARGET_INVALID',
  'TRANSFER_NOT_PENDING',
  'DUES_RATE_MISSING',
  'INVITATION_INVALID',
  'PHOTO_INVALID',
  'REQUEST_CLOSED',
  'NOT_A_MEMBER',
  'JOB_CANCELLED',
  'JOB_NOT_FINISHED',
  'IMPORT_HEADER_NOT_FOUND',
  'IMPORT_FILE_TOO_LARGE',
  'IMPORT_FORMAT_UNSUPPORTED',
  'IMPORT_FILE_UNREADABLE',
  'CASE_DATE_IN_FUTURE',
  'CASE_DATE_INVALID',
  'CASE_EXTENSION_LIMIT',
  'CASE_ROUND_INVALID',
  'CASE_SECOND_ROUND_TOO_EARLY',
  'CASE_ACCEPTANCE_LATE',
  'CASE_ILLEGAL_TRANSITION',
  'CASE_TEXT_CONTAINS_SEALED',
  'CASE_SEALED_VERIFIER',
  'CASE_CLEARANCE_REQUIRED',
  'CASE_DIALOGUE_REQUIRED',
  'CASE_PUBLICATION_TOO_SHORT',
  'CASE_DENOUNCER_REQUIRED',
  'CASE_SEAL_UNAVAILABLE',
  'CASE_RULE_SET_INVALID',
  'PERIOD_INVALID',
  'REPORT_NOT_EXPECTED',
  'REPORT_VALUE_INVALID',
  'REPORT_NOT_EDITABLE',
  'REPORT_ILLEGAL_TRANSITION',
  'REPORT_BLOCKING_ERRORS',
  'REPORT_COMMENT_REQUIRED',
  'TEMPLATE_INVALID',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status per error code; `Record` makes a missing entry a compile error. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  TOTP_SETUP_REQUIRED: 403,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  PRECONDITION_REQUIRED: 428,
  STALE_VERSION: 409,
  DUPLICATE_CODE: 409,
  DUPLICATE_USERNAME: 409,
  UNIT_MOVE_CYCLE: 422,
  UNIT_LEVEL_INVALID: 422,
  UNIT_INACTIVE: 422,
  UNIT_HAS_CHILDREN: 422,
  UNIT_IS_ROOT: 422,
  UNIT_DATE_INVALID: 422,
  MERGE_INVALID: 422,
  SPLIT_INVALID: 422,
  CROSS_ASSOCIATION: 422,
  ADMIN_UNIT_UNKNOWN: 422,
  ROLE_UNKNOWN: 422,
  PASSWORD_WEAK: 422,
  PASSWORD_MISMATCH: 422,
  DATABASE_LOCKED: 503,
  BACKUP_INVALID: 422,
  RESTORE_TARGET_NOT_EMPTY: 409,
  INVALID_ID_NUMBER: 422,
  ID_NUMBER_WARNING: 422,
  DUPLICATE_ID_NUMBER: 409,
  MEMBER_ALREADY_ACTIVE: 409,
  DUPLICATE_MEMBER_NUMBER: 409,
  ILLEGAL_TRANSITION: 422,
  DECISION_REQUIRED: 422,
  REASON_REQUIRED: 422,
  MEMBER_DATE_INVALID: 422,
  MEMBER_IN_TRANSIT: 409,
  MEMBER_NOT_ACTIVE: 422,
  TRANSFER_SAME_UNIT: 422,
  TRANSFER_TARGET_INVALID: 422,
  TRANSFER_NOT_PENDING: 409,
  DUES_RATE_MISSING: 422,
  INVITATION_INVALID: 410,
  PHOTO_INVALID: 422,
  REQUEST_CLOSED: 409,
  NOT_A_MEMBER: 403,
  JOB_CANCELLED: 409,
  JOB_NOT_FINISHED: 409,
  IMPORT_HEADER_NOT_FOUND: 422,
  IMPORT_FILE_TOO_LARGE: 413,
  IMPORT_FORMAT_UNSUPPORTED: 415,
  IMPORT_FILE_UNREADABLE: 400,
  CASE_DATE_IN_FUTURE: 422,
  CASE_DATE_INVALID: 422,
  CASE_EXTENSION_LIMIT: 422,
  CASE_ROUND_INVALID: 422,
  CASE_SECOND_ROUND_TOO_EARLY: 422,
  CASE_ACCEPTANCE_LATE: 422,
  CASE_ILLEGAL_TRANSITION: 409,
  CASE_TEXT_CONTAINS_SEALED: 422,
  CASE_SEALED_VERIFIER: 403,
  CASE_CLEARANCE_REQUIRED: 403,
  CASE_DIALOGUE_REQUIRED: 422,
  CASE_PUBLICATION_TOO_SHORT: 422,
  CASE_DENOUNCER_REQUIRED: 422,
  CASE_SEAL_UNAVAILABLE: 503,
  CASE_RULE_SET_INVALID: 422,
  PERIOD_INVALID: 422,
  REPORT_NOT_EXPECTED: 422,
  REPORT_VALUE_INVALID: 422,
  REPORT_NOT_EDITABLE: 409,
  REPORT_ILLEGAL_TRANSITION: 409,
  REPORT_BLOCKING_ERRORS: 422,
  REPORT_COMMENT_REQUIRED: 422,
  TEMPLATE_INVALID: 422,
  INTERNAL: 500,
};

/** Messages, Vietnamese first. */
export const ERROR_MESSAGES: Record<ErrorCode, { vi: string; en: string }> = {
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ', en: 'The request data is invalid' },
  MALFORMED_JSON: {
    vi: 'Nội dung JSON không đúng định dạng',
    en: 'The request body is not valid JSON',
  },
  UNAUTHENTICATED: { vi: 'Bạn cần đăng nhập', en: 'You need to log in' },
  INVALID_CREDENTIALS: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong username or password',
  },
  ACCOUNT_LOCKED: {
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau',
    en: 'The account is temporarily locked after repeated failed logins; try again later',
  },
  ACCOUNT_DISABLED: { vi: 'Tài khoản đã bị vô hiệu hóa', en: 'The account is disabled' },
  TOTP_REQUIRED: { vi: 'Cần mã xác thực hai lớp', en: 'A two-factor code is required' },
  TOTP_INVALID: { vi: 'Mã xác thực hai lớp không đúng', en: 'The two-factor code is wrong' },
  TOTP_SETUP_REQUIRED: {
    vi: 'Quản trị viên phải bật xác thực hai lớp trước khi tiếp tục',
    en: 'Administrators must enable two-factor authentication first',
  },
  CSRF_INVALID: {
    vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)',
    en: 'Missing or wrong anti-forgery (CSRF) token',
  },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You may not do this' },
  NOT_FOUND: { vi: 'Không tìm thấy', en: 'Not found' },
  RATE_LIMITED: { vi: 'Quá nhiều yêu cầu; hãy thử lại sau', en: 'Too many requests; try later' },
  PRECONDITION_REQUIRED: {
    vi: 'Cần gửi phiên bản hiện tại (If-Match) khi cập nhật',
    en: 'Updates need the current version in If-Match',
  },
  STALE_VERSION: {
    vi: 'Dữ liệu đã được người khác thay đổi; hãy tải lại rồi sửa',
    en: 'Someone else changed this record; reload and edit again',
  },
  DUPLICATE_CODE: { vi: 'Mã đã được sử dụng', en: 'The code is already in use' },
  DUPLICATE_USERNAME: { vi: 'Tên đăng nhập đã tồn tại', en: 'The username already exists' },
  UNIT_MOVE_CYCLE: {
    vi: 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó',
    en: 'A unit cannot be moved under itself or one of its descendants',
  },
  UNIT_LEVEL_INVALID: {
    vi: 'Cấp của đơn vị không phù hợp với đơn vị cấp trên',
    en: 'The unit level does not fit under the parent unit',
  },
  UNIT_INACTIVE: {
    vi: 'Đơn vị đã giải thể hoặc đã sáp nhập',
    en: 'The unit is dissolved or merged',
  },
  UNIT_HAS_CHILDREN: {
    vi: 'Đơn vị còn đơn vị trực thuộc; hãy chuyển hoặc giải thể chúng trước',
    en: 'The unit still has child units; move or dissolve them first',
  },
  UNIT_IS_ROOT: {
    vi: 'Không thể thực hiện thao tác này với đơn vị gốc',
    en: 'This operation is not allowed on the root unit',
  },
  UNIT_DATE_INVALID: {
    vi: 'Ngày hiệu lực không hợp lệ (không được ở tương lai hoặc trước thay đổi gần nhất)',
    en: 'Invalid effective date (not in the future nor before the latest change)',
  },
  MERGE_INVALID: { vi: 'Không thể hợp nhất các đơn vị này', en: 'These units cannot be merged' },
  SPLIT_INVALID: { vi: 'Không thể chia tách đơn vị này', en: 'This unit cannot be split' },
  CROSS_ASSOCIATION: {
    vi: 'Các đơn vị thuộc các hội khác nhau',
    en: 'The units belong to different associations',
  },
  ADMIN_UNIT_UNKNOWN: {
    vi: 'Mã đơn vị hành chính không tồn tại',
    en: 'Unknown administrative unit code',
  },
  ROLE_UNKNOWN: { vi: 'Vai trò không tồn tại', en: 'Unknown role' },
  PASSWORD_WEAK: {
    vi: 'Mật khẩu phải có ít nhất 10 ký tự',
    en: 'The password must have at least 10 characters',
  },
  PASSWORD_MISMATCH: { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  DATABASE_LOCKED: {
    vi: 'Cơ sở dữ liệu nhúng đang được máy chủ Hội sử dụng; hãy dừng máy chủ hoặc dùng API',
    en: 'The embedded database is in use by a running Hội server; stop it or use the API',
  },
  BACKUP_INVALID: {
    vi: 'Tệp sao lưu hỏng hoặc không đúng định dạng',
    en: 'The backup file is damaged or not a Hội backup',
  },
  RESTORE_TARGET_NOT_EMPTY: {
    vi: 'Cơ sở dữ liệu đích đã có dữ liệu; chỉ khôi phục vào cơ sở dữ liệu trống',
    en: 'The target database already has data; restore only into an empty one',
  },
  INVALID_ID_NUMBER: {
    vi: 'Số định danh cá nhân không hợp lệ (độ dài, mã tỉnh nơi đăng ký khai sinh hoặc chữ số thế kỷ)',
    en: 'The personal ID number is invalid (length, birth-registration province prefix or century digit)',
  },
  ID_NUMBER_WARNING: {
    vi: 'Số định danh không khớp năm sinh hoặc giới tính; hãy kiểm tra hoặc xác nhận để lưu',
    en: 'The personal ID does not match the birth year or sex; check it or confirm to save',
  },
  DUPLICATE_ID_NUMBER: {
    vi: 'Số định danh này đã thuộc một hội viên khác trong hội',
    en: 'This personal ID already belongs to another member of the association',
  },
  MEMBER_ALREADY_ACTIVE: {
    vi: 'Người này đang là hội viên (hoặc đang xét kết nạp) của hội',
    en: 'This person already holds a current membership in the association',
  },
  DUPLICATE_MEMBER_NUMBER: {
    vi: 'Số thẻ hội viên đã được sử dụng',
    en: 'The member number is already in use',
  },
  ILLEGAL_TRANSITION: {
    vi: 'Không thể chuyển trạng thái hội viên như vậy',
    en: 'This membership status change is not allowed',
  },
  DECISION_REQUIRED: {
    vi: 'Thao tác này cần quyết định (số, ngày, người ký)',
    en: 'This action needs a decision (number, date, signer)',
  },
  REASON_REQUIRED: {
    vi: 'Cần ghi rõ lý do',
    en: 'A reason is required',
  },
  MEMBER_DATE_INVALID: {
    vi: 'Ngày không hợp lệ (ở tương lai, trước ngày sinh hoặc trước thay đổi gần nhất của hội viên)',
    en: "Invalid date (in the future, before birth or before the member's latest change)",
  },
  MEMBER_IN_TRANSIT: {
    vi: 'Hội viên đang chuyển sinh hoạt; hãy hoàn tất hoặc hủy việc chuyển trước',
    en: 'The member is in transit; finish or cancel the transfer first',
  },
  MEMBER_NOT_ACTIVE: {
    vi: 'Hội viên không ở trạng thái đang sinh hoạt',
    en: 'The member is not active',
  },
  TRANSFER_SAME_UNIT: {
    vi: 'Đơn vị nhận trùng với đơn vị đang sinh hoạt',
    en: "The receiving unit is the member's current unit",
  },
  TRANSFER_TARGET_INVALID: {
    vi: 'Đơn vị nhận không hợp lệ (không thuộc hội này hoặc đã giải thể)',
    en: 'Invalid receiving unit (not in this association, or no longer active)',
  },
  TRANSFER_NOT_PENDING: {
    vi: 'Việc chuyển sinh hoạt đã được xử lý',
    en: 'The transfer has already been answered',
  },
  DUES_RATE_MISSING: {
    vi: 'Chưa có mức hội phí cho năm này',
    en: 'No dues rate is set for this year',
  },
  INVITATION_INVALID: {
    vi: 'Lời mời không hợp lệ, đã dùng hoặc đã hết hạn',
    en: 'The invitation is invalid, used or expired',
  },
  PHOTO_INVALID: {
    vi: 'Ảnh phải là JPEG hoặc PNG, tối đa 2 MB',
    en: 'The photo must be a JPEG or PNG of at most 2 MB',
  },
  REQUEST_CLOSED: {
    vi: 'Yêu cầu đã được xử lý',
    en: 'The request has already been decided',
  },
  NOT_A_MEMBER: {
    vi: 'Tài khoản này không gắn với hồ sơ hội viên nào',
    en: 'This account is not linked to a member record',
  },
  JOB_CANCELLED: {
    vi: 'Tác vụ đã bị hủy',
    en: 'The job was cancelled',
  },
  JOB_NOT_FINISHED: {
    vi: 'Tác vụ chưa chạy xong; hãy chờ rồi thử lại',
    en: 'The job has not finished yet; wait and try again',
  },
  IMPORT_HEADER_NOT_FOUND: {
    vi: 'Không tìm thấy dòng tiêu đề (cần ít nhất cột "Họ và tên" và một cột khác trong 30 dòng đầu)',
    en: 'No header row found (a "Họ và tên" column and one more are needed within the first 30 rows)',
  },
  IMPORT_FILE_TOO_LARGE: {
    vi: 'Tệp quá lớn để tải lên qua trình duyệt; hãy dùng lệnh "hoi import members"',
    en: 'The file is too large for a browser upload; use the "hoi import members" command',
  },
  IMPORT_FORMAT_UNSUPPORTED: {
    vi: 'Định dạng tệp không được hỗ trợ; hãy dùng tệp .xlsx hoặc .csv',
    en: 'The file format is not supported; use an .xlsx or .csv file',
  },
  IMPORT_FILE_UNREADABLE: {
    vi: 'Không đọc được tệp (hỏng, có mật khẩu hoặc không dùng mã hóa UTF-8)',
    en: 'The file cannot be read (damaged, password-protected or not UTF-8 encoded)',
  },
  CASE_DATE_IN_FUTURE: {
    vi: 'Ngày không được sau ngày hôm nay (ngày nhận đơn, thụ lý, quyết định…)',
    en: 'The date cannot be in the future (date received, accepted, decided…)',
  },
  CASE_DATE_INVALID: {
    vi: 'Ngày không hợp lệ so với các mốc của vụ việc (ví dụ trước ngày nhận đơn)',
    en: 'The date does not fit the case (e.g. before the date received)',
  },
  CASE_EXTENSION_LIMIT: {
    vi: 'Gia hạn vượt quá số lần hoặc số ngày luật cho phép',
    en: 'The extension exceeds the number or length the law allows',
  },
  CASE_ROUND_INVALID: {
    vi: 'Loại đơn này không có giải quyết lần hai, hoặc thiếu vụ việc lần đầu',
    en: 'This type has no second round, or the first-round case is missing',
  },
  CASE_SECOND_ROUND_TOO_EARLY: {
    vi: 'Chưa thể khiếu nại lần hai: lần đầu chưa có quyết định và chưa hết hạn giải quyết',
    en: 'Too early for a second round: the first has no decision and its deadline has not passed',
  },
  CASE_ACCEPTANCE_LATE: {
    vi: 'Đã quá hạn thụ lý: phải ghi lý do thụ lý muộn',
    en: 'The acceptance deadline has passed: record the reason for accepting late',
  },
  CASE_ILLEGAL_TRANSITION: {
    vi: 'Thao tác không hợp lệ ở trạng thái hiện tại của vụ việc',
    en: 'This action is not allowed in the case’s current status',
  },
  CASE_TEXT_CONTAINS_SEALED: {
    vi: 'Nội dung còn chứa thông tin niêm phong của người tố cáo hoặc người thân; hãy lược bỏ',
    en: 'The text still contains sealed details of the denouncer or their relatives; remove them',
  },
  CASE_SEALED_VERIFIER: {
    vi: 'Người xác minh không được tiếp cận danh tính người tố cáo (Điều 56 Luật Tố cáo)',
    en: 'A verifier may not see the denouncer’s identity (Law on Denunciations Art. 56)',
  },
  CASE_CLEARANCE_REQUIRED: {
    vi: 'Cần được giao quyền tiếp cận thông tin niêm phong của vụ việc này',
    en: 'Clearance on this case is needed to read sealed identity',
  },
  CASE_DIALOGUE_REQUIRED: {
    vi: 'Giải quyết khiếu nại lần hai bắt buộc phải có biên bản đối thoại',
    en: 'A second-round complaint needs dialogue minutes before the decision',
  },
  CASE_PUBLICATION_TOO_SHORT: {
    vi: 'Kết luận phải được công khai ít nhất 15 ngày liên tục',
    en: 'A conclusion must be published for at least 15 consecutive days',
  },
  CASE_DENOUNCER_REQUIRED: {
    vi: 'Đơn tố cáo cần thông tin người tố cáo; đơn nặc danh được xử lý như thông tin phản ánh',
    en: 'A denunciation needs the denouncer’s identity; anonymous letters are handled as information',
  },
  CASE_SEAL_UNAVAILABLE: {
    vi: 'Không đọc được khóa niêm phong (HOI_SEAL_KEY hoặc tệp khóa); liên hệ quản trị hệ thống',
    en: 'The sealing key (HOI_SEAL_KEY or key file) cannot be read; contact the operator',
  },
  CASE_RULE_SET_INVALID: {
    vi: 'Bộ quy tắc thời hạn không hợp lệ',
    en: 'The deadline rule set is invalid',
  },
  PERIOD_INVALID: {
    vi: 'Kỳ báo cáo không tồn tại hoặc không thuộc biểu mẫu này',
    en: 'The period does not exist or is not one this template reports on',
  },
  REPORT_NOT_EXPECTED: {
    vi: 'Đơn vị này không thuộc cấp phải báo cáo theo biểu mẫu',
    en: 'This unit is not at a level that reports on this template',
  },
  REPORT_VALUE_INVALID: {
    vi: 'Giá trị chỉ tiêu không hợp lệ (sai kiểu, số âm hoặc chỉ tiêu không có trong biểu mẫu)',
    en: 'An indicator value is invalid (wrong type, negative, or not in the template)',
  },
  REPORT_NOT_EDITABLE: {
    vi: 'Báo cáo đã gửi, đã duyệt hoặc đã khóa: không sửa được (cần trả lại hoặc hủy duyệt trước)',
    en: 'The report is submitted, approved or locked and cannot be edited (return or un-approve it first)',
  },
  REPORT_ILLEGAL_TRANSITION: {
    vi: 'Thao tác không áp dụng được cho báo cáo ở trạng thái hiện tại',
    en: 'The action does not apply to the report in its current status',
  },
  REPORT_BLOCKING_ERRORS: {
    vi: 'Báo cáo còn lỗi kiểm tra bắt buộc phải sửa trước khi gửi',
    en: 'The report has blocking validation errors to fix before submitting',
  },
  REPORT_COMMENT_REQUIRED: {
    vi: 'Trả lại báo cáo phải ghi rõ lý do',
    en: 'Returning a report needs a comment',
  },
  TEMPLATE_INVALID: {
    vi: 'Biểu mẫu không hợp lệ (chỉ tiêu không tồn tại hoặc quy tắc kiểm tra sai cú pháp)',
    en: 'The template is invalid (unknown indicator or malformed validation rule)',
  },
  INTERNAL: { vi: 'Lỗi hệ thống', en: 'Internal error' },
};

/** The one error envelope every API error uses. */
export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    /** Vietnamese message. */
    message: string;
    /** English message. */
    messageEn: string;
    details?: unknown;
  };
}
