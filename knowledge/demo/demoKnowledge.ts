/**
 * The demo knowledge base `npm start` seeds: an after-sales service desk for a home
 * appliance shop (小家电), in Chinese and English, written as a real desk would.
 */
export interface DemoEntry {
  id: string
  question: string
  similar: string[]
  answer: string
  category: string[]
  tags?: string[]
}

export const demoKnowledge: DemoEntry[] = [
  { id: 'demo-return', category: ['售后服务', '退换货'], tags: ['退货'], question: '如何退货', similar: ['怎么退货', '我想退货', '退货流程是什么', '买的东西不想要了怎么退', '申请退货'], answer: '您好！签收后 7 天内、商品不影响二次销售即可申请无理由退货：打开「我的订单」→ 选择商品 →「申请售后」→「退货」，填写原因后按页面提示寄回。我们收到退货并验收后 1–3 个工作日内原路退款。' },
  { id: 'demo-exchange', category: ['售后服务', '退换货'], tags: ['换货'], question: '如何换货', similar: ['怎么换货', '能换个颜色吗', '尺寸不合适想换', '换货流程'], answer: '签收后 15 天内如有质量问题可免费换货；想换颜色或型号，在 7 天内申请即可（来回运费由您承担）。操作路径：「我的订单」→「申请售后」→「换货」。' },
  { id: 'demo-refund-progress', category: ['售后服务', '退款'], tags: ['退款'], question: '退款什么时候到账', similar: ['退款多久到账', '钱什么时候退回来', '退款进度查询', '怎么还没收到退款'], answer: '退款审核通过后会原路退回：微信和支付宝一般即时到账，银行卡 1–5 个工作日，信用卡以发卡行入账为准。在「我的订单」→「售后详情」可以看到每一步的进度。' },
  { id: 'demo-ship-time', category: ['订单与物流', '发货'], tags: ['发货'], question: '下单后多久发货', similar: ['什么时候发货', '几天能发货', '今天下单今天发吗', '发货时间'], answer: '现货商品在下午 4 点前付款的当天发出，之后付款的次日发出；预售商品以商品页标注的时间为准。发货后您会收到短信和订单通知。' },
  { id: 'demo-track', category: ['订单与物流', '物流'], tags: ['物流'], question: '怎么查物流', similar: ['快递到哪了', '查快递', '物流信息在哪看', '我的包裹到哪里了', '订单物流查询'], answer: '在「我的订单」里点开订单即可看到快递公司、运单号和实时轨迹。如果轨迹超过 48 小时没有更新，告诉我订单号，我帮您联系快递核实。' },
  { id: 'demo-address', category: ['订单与物流', '订单'], tags: ['地址'], question: '怎么修改收货地址', similar: ['地址写错了', '改地址', '能改收货地址吗', '更换收货地址'], answer: '订单发货前可以在「我的订单」→「修改地址」直接修改；已经发货的订单需要联系快递改派，您可以把订单号发给我，我来帮您处理。' },
  { id: 'demo-cancel', category: ['订单与物流', '订单'], tags: ['取消订单'], question: '怎么取消订单', similar: ['不想要了能取消吗', '取消订单', '订单怎么撤销', '下错单了'], answer: '未发货的订单可在「我的订单」里直接点「取消订单」，款项原路退回；已发货的订单请在签收后申请退货，或拒收包裹，退款会在我们收到退回商品后处理。' },
  { id: 'demo-invoice', category: ['订单与物流', '发票'], tags: ['发票'], question: '怎么开发票', similar: ['可以开发票吗', '开增值税专用发票', '发票在哪里申请', '电子发票怎么开', '补开发票'], answer: '我们提供电子普通发票和增值税专用发票。在「我的订单」→「申请开票」填写抬头和税号即可，电子发票 1 个工作日内发送到您的邮箱；专票需上传一般纳税人信息，审核后 5 个工作日内寄出。' },
  { id: 'demo-warranty', category: ['售后服务', '保修维修'], tags: ['保修'], question: '保修期多久', similar: ['保修多长时间', '质保几年', '过了保修期怎么办', '整机保修政策'], answer: '整机保修 1 年，电机等核心部件保修 3 年，自签收之日起计算。保修期内非人为损坏免费维修；过保后可付费维修，我们会先报价，您确认后再修。' },
  { id: 'demo-repair', category: ['售后服务', '保修维修'], tags: ['报修'], question: '产品坏了怎么报修', similar: ['东西坏了怎么办', '机器不工作了', '申请维修', '预约上门维修', '报修'], answer: '很抱歉给您添麻烦了。您可以直接在这里告诉我产品型号、故障现象和联系地址，我为您建一张报修工单，维修师傅会在 24 小时内联系您预约上门时间。' },
  { id: 'demo-install', category: ['售后服务', '安装'], tags: ['安装'], question: '提供上门安装吗', similar: ['需要自己安装吗', '安装收费吗', '预约安装', '什么时候来安装'], answer: '大件商品（如净水器、洗碗机）提供免费上门安装，签收后在「我的订单」→「预约安装」选择时间即可；安装所需的额外材料按价目表收费，师傅会先告知。' },
  { id: 'demo-seven-day', category: ['售后服务', '退换货'], tags: ['无理由退货'], question: '支持七天无理由退货吗', similar: ['7天无理由', '七天内可以退吗', '没拆封可以退吗', '无理由退货条件'], answer: '支持。签收后 7 天内，商品及配件、包装完好、不影响二次销售，就可以无理由退货。定制商品和已激活的电子卡券除外。' },
  { id: 'demo-damaged', category: ['售后服务', '退换货'], tags: ['破损'], question: '收到的商品破损了怎么办', similar: ['包装破了', '东西摔坏了', '收到就是坏的', '外壳有裂痕'], answer: '非常抱歉！请拍下外包装和商品破损处的照片发给我，我马上为您安排补发或退款，运费由我们承担，不需要您先寄回。' },
  { id: 'demo-missing', category: ['售后服务', '退换货'], tags: ['少件'], question: '少发了配件怎么办', similar: ['少件了', '漏发', '配件不全', '盒子里少东西'], answer: '抱歉让您久等了。请告诉我订单号和缺少的配件名称，我核实仓库出库记录后会在 24 小时内为您补发。' },
  { id: 'demo-price-protect', category: ['优惠与支付', '价格'], tags: ['价保'], question: '买完降价了能退差价吗', similar: ['降价补差价', '价格保护', '刚买就降价了', '保价'], answer: '支持 15 天价格保护：签收后 15 天内同一商品降价，在「我的订单」→「申请价保」即可，差价会以原支付方式退回。限时秒杀和赠品不参与价保。' },
  { id: 'demo-coupon', category: ['优惠与支付', '优惠券'], tags: ['优惠券'], question: '优惠券怎么用', similar: ['优惠券用不了', '怎么领优惠券', '券在哪里', '满减券使用规则'], answer: '在结算页会自动选择可用的优惠券，也可以手动切换。每张券有使用门槛和有效期，在「我的」→「优惠券」里能看到详情；一个订单只能用一张店铺券。' },
  { id: 'demo-payment', category: ['优惠与支付', '支付'], tags: ['支付'], question: '支持哪些支付方式', similar: ['可以用微信支付吗', '能用信用卡吗', '支付宝可以吗', '怎么付款'], answer: '支持微信支付、支付宝、银联云闪付和各大银行信用卡；企业客户还可以对公转账，转账时请在备注中填写订单号。' },
  { id: 'demo-installment', category: ['优惠与支付', '支付'], tags: ['分期'], question: '可以分期付款吗', similar: ['分期免息吗', '花呗分期', '信用卡分期', '分几期'], answer: '单笔满 500 元可以使用花呗或信用卡分期，3 期和 6 期免息（以结算页显示为准），12 期按银行费率收取手续费。' },
  { id: 'demo-points', category: ['会员', '积分'], tags: ['积分'], question: '会员积分怎么用', similar: ['积分有什么用', '积分怎么兑换', '积分抵现', '积分过期吗'], answer: '每消费 1 元得 1 积分，100 积分可抵 1 元，在结算页勾选使用即可；积分有效期为获得后的次年年底，也可以在积分商城兑换礼品。' },
  { id: 'demo-phone', category: ['账户', '账号安全'], tags: ['手机号'], question: '怎么换绑手机号', similar: ['手机号不用了', '修改绑定手机', '换手机号', '原手机号收不到验证码'], answer: '在「我的」→「设置」→「账号与安全」→「手机号」里验证原手机号后即可换绑；原号码已停用的话，请提供账户注册信息，我帮您走人工核验。' },
  { id: 'demo-login', category: ['账户', '账号安全'], tags: ['登录'], question: '登录不了怎么办', similar: ['忘记密码', '登不上去', '账号被锁了', '收不到验证码'], answer: '可以先用「验证码登录」，或在登录页点「忘记密码」重设。连续输错 5 次密码会锁定 15 分钟；如果一直收不到验证码，请检查短信是否被拦截，或告诉我注册手机号，我帮您查。' },
  { id: 'demo-hours', category: ['联系我们', '服务时间'], tags: ['营业时间'], question: '客服工作时间', similar: ['人工客服几点上班', '你们几点下班', '周末有客服吗', '服务时间'], answer: '人工客服每天 9:00–21:00 在线（法定节假日照常）；其他时间我这个智能助手 24 小时在，也可以留言或提交工单，上班后第一时间回复您。' },
  { id: 'demo-store', category: ['联系我们', '门店'], tags: ['门店'], question: '线下门店在哪里', similar: ['实体店地址', '附近有门店吗', '可以去店里看吗', '体验店'], answer: '我们在北京、上海、广州、深圳、杭州、成都设有体验店，具体地址和营业时间可以在「我的」→「门店查询」里按城市查看，也可以告诉我您所在的城市。' },
  { id: 'demo-delivery-area', category: ['订单与物流', '物流'], tags: ['配送'], question: '配送范围有哪些', similar: ['能送到新疆吗', '偏远地区发货吗', '港澳台能寄吗', '配送到哪些地方'], answer: '中国大陆全境均可配送，新疆、西藏、青海等偏远地区时效会多 2–4 天；港澳台及海外暂不支持直接配送。' },
  { id: 'demo-shipping-fee', category: ['订单与物流', '物流'], tags: ['运费'], question: '运费怎么算', similar: ['包邮吗', '多少钱包邮', '邮费多少', '运费险'], answer: '订单满 99 元包邮，不满 99 元收取 8 元运费；偏远地区加收 10 元。退货时如因质量问题，运费由我们承担。' },
  { id: 'demo-restock', category: ['商品', '库存'], tags: ['缺货'], question: '缺货的商品什么时候到货', similar: ['什么时候补货', '到货通知', '没货了', '断货'], answer: '缺货商品一般 7–15 天补货。在商品页点击「到货通知」，到货后我们会第一时间短信提醒您。' },
  { id: 'demo-trade-in', category: ['优惠与支付', '以旧换新'], tags: ['以旧换新'], question: '可以以旧换新吗', similar: ['旧机回收', '旧的能抵钱吗', '以旧换新怎么参加', '回收旧家电'], answer: '支持以旧换新：下单时选择「以旧换新」，填写旧机品牌和型号即可抵扣 50–300 元，新机送达时师傅上门回收旧机，不限品牌。' },
  { id: 'demo-complaint', category: ['联系我们', '投诉建议'], tags: ['投诉'], question: '我要投诉', similar: ['投诉你们', '对服务不满意', '怎么投诉', '服务太差了'], answer: '非常抱歉给您带来了不好的体验。请告诉我发生了什么，我会为您登记投诉工单并由专人负责跟进，24 小时内给您答复。' },
  { id: 'demo-en-return', category: ['After-sales', 'Returns'], tags: ['return'], question: 'How do I return an item?', similar: ['return policy', 'I want to return my order', 'can I send it back', 'how to get a refund for a return'], answer: 'You can return any item within 7 days of delivery if it is unused and in its original packaging. Go to My Orders → Request after-sales → Return, and follow the steps. We refund to your original payment method within 1–3 business days after we receive it.' },
  { id: 'demo-en-shipping', category: ['Orders', 'Shipping'], tags: ['shipping'], question: 'When will my order ship?', similar: ['how long does shipping take', 'delivery time', 'when will I get my order', 'shipping time'], answer: 'In-stock items paid before 4 pm ship the same day; later orders ship the next day. Delivery takes 1–3 days in most cities and up to 6 days in remote areas.' },
  { id: 'demo-en-track', category: ['Orders', 'Shipping'], tags: ['tracking'], question: 'How can I track my package?', similar: ['where is my order', 'track my order', 'tracking number', 'my parcel has not arrived'], answer: 'Open the order in My Orders to see the carrier, tracking number and live status. If tracking has not moved for 48 hours, send me your order number and I will chase the carrier for you.' },
  { id: 'demo-en-warranty', category: ['After-sales', 'Warranty'], tags: ['warranty'], question: 'What does the warranty cover?', similar: ['how long is the warranty', 'is it under warranty', 'warranty period', 'my device broke, is repair free'], answer: 'Every product has a 1-year warranty, and motors and other core parts 3 years, from the delivery date. Repairs for faults that are not accidental damage are free within warranty; after that we quote first and repair only once you agree.' },
  { id: 'demo-en-invoice', category: ['Orders', 'Invoices'], tags: ['invoice'], question: 'How do I get an invoice?', similar: ['can I have a receipt', 'VAT invoice', 'send me an invoice', 'company invoice'], answer: 'Go to My Orders → Request invoice and enter the company name and tax number. Electronic invoices arrive by email within one business day.' },
  { id: 'demo-en-hours', category: ['Contact', 'Hours'], tags: ['hours'], question: 'When is customer service available?', similar: ['opening hours', 'are you open on weekends', 'when can I talk to someone', 'support hours'], answer: 'Our agents are online every day from 9:00 to 21:00 (China time), holidays included. Outside those hours I am here, and you can leave a message or open a ticket that an agent will pick up first thing.' },
]
