# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'overview.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QLabel,
    QLineEdit, QPlainTextEdit, QScrollArea, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_OverviewPage(object):
    def setupUi(self, OverviewPage):
        if not OverviewPage.objectName():
            OverviewPage.setObjectName(u"OverviewPage")
        OverviewPage.resize(760, 900)
        self.outerLayout = QVBoxLayout(OverviewPage)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.scrollArea = QScrollArea(OverviewPage)
        self.scrollArea.setObjectName(u"scrollArea")
        self.scrollArea.setFrameShape(QFrame.Shape.NoFrame)
        self.scrollArea.setWidgetResizable(True)
        self.content = QWidget()
        self.content.setObjectName(u"content")
        self.contentLayout = QVBoxLayout(self.content)
        self.contentLayout.setSpacing(6)
        self.contentLayout.setObjectName(u"contentLayout")
        self.contentLayout.setContentsMargins(28, 18, 32, 24)
        self.heading = QLabel(self.content)
        self.heading.setObjectName(u"heading")

        self.contentLayout.addWidget(self.heading)

        self.intro = QLabel(self.content)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.contentLayout.addWidget(self.intro)

        self.introSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.contentLayout.addItem(self.introSpacer)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignBottom)
        self.form.setHorizontalSpacing(0)
        self.form.setVerticalSpacing(4)
        self.nameLabel = QLabel(self.content)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(self.content)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.visionLabel = QLabel(self.content)
        self.visionLabel.setObjectName(u"visionLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.visionLabel)

        self.vision = QPlainTextEdit(self.content)
        self.vision.setObjectName(u"vision")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.vision)

        self.targetCustomersLabel = QLabel(self.content)
        self.targetCustomersLabel.setObjectName(u"targetCustomersLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.targetCustomersLabel)

        self.target_customers = QPlainTextEdit(self.content)
        self.target_customers.setObjectName(u"target_customers")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.target_customers)

        self.problemLabel = QLabel(self.content)
        self.problemLabel.setObjectName(u"problemLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.problemLabel)

        self.problem = QPlainTextEdit(self.content)
        self.problem.setObjectName(u"problem")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.problem)

        self.valuePropositionLabel = QLabel(self.content)
        self.valuePropositionLabel.setObjectName(u"valuePropositionLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.valuePropositionLabel)

        self.value_proposition = QPlainTextEdit(self.content)
        self.value_proposition.setObjectName(u"value_proposition")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.value_proposition)

        self.businessGoalsLabel = QLabel(self.content)
        self.businessGoalsLabel.setObjectName(u"businessGoalsLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.businessGoalsLabel)

        self.business_goals = QPlainTextEdit(self.content)
        self.business_goals.setObjectName(u"business_goals")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.business_goals)

        self.goToMarketLabel = QLabel(self.content)
        self.goToMarketLabel.setObjectName(u"goToMarketLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.goToMarketLabel)

        self.go_to_market = QPlainTextEdit(self.content)
        self.go_to_market.setObjectName(u"go_to_market")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.go_to_market)

        self.wholeProductLabel = QLabel(self.content)
        self.wholeProductLabel.setObjectName(u"wholeProductLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.wholeProductLabel)

        self.whole_product = QPlainTextEdit(self.content)
        self.whole_product.setObjectName(u"whole_product")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.whole_product)


        self.contentLayout.addLayout(self.form)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.contentLayout.addItem(self.bottomSpacer)

        self.scrollArea.setWidget(self.content)

        self.outerLayout.addWidget(self.scrollArea)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.visionLabel.setBuddy(self.vision)
        self.targetCustomersLabel.setBuddy(self.target_customers)
        self.problemLabel.setBuddy(self.problem)
        self.valuePropositionLabel.setBuddy(self.value_proposition)
        self.businessGoalsLabel.setBuddy(self.business_goals)
        self.goToMarketLabel.setBuddy(self.go_to_market)
        self.wholeProductLabel.setBuddy(self.whole_product)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.vision)
        QWidget.setTabOrder(self.vision, self.target_customers)
        QWidget.setTabOrder(self.target_customers, self.problem)
        QWidget.setTabOrder(self.problem, self.value_proposition)
        QWidget.setTabOrder(self.value_proposition, self.business_goals)
        QWidget.setTabOrder(self.business_goals, self.go_to_market)
        QWidget.setTabOrder(self.go_to_market, self.whole_product)

        self.retranslateUi(OverviewPage)

        QMetaObject.connectSlotsByName(OverviewPage)
    # setupUi

    def retranslateUi(self, OverviewPage):
        self.heading.setText(QCoreApplication.translate("OverviewPage", u"Overview", None))
        self.intro.setText(QCoreApplication.translate("OverviewPage", u"The strategy basics: what the product is, who it serves, and how it reaches them. The executive briefing opens with this page.", None))
        self.nameLabel.setText(QCoreApplication.translate("OverviewPage", u"Product &name", None))
        self.visionLabel.setText(QCoreApplication.translate("OverviewPage", u"&Vision", None))
        self.targetCustomersLabel.setText(QCoreApplication.translate("OverviewPage", u"Target &customers", None))
        self.problemLabel.setText(QCoreApplication.translate("OverviewPage", u"&Problem", None))
        self.valuePropositionLabel.setText(QCoreApplication.translate("OverviewPage", u"Value p&roposition", None))
        self.businessGoalsLabel.setText(QCoreApplication.translate("OverviewPage", u"Business &goals", None))
        self.goToMarketLabel.setText(QCoreApplication.translate("OverviewPage", u"Go-to-&market", None))
        self.wholeProductLabel.setText(QCoreApplication.translate("OverviewPage", u"W&hole product", None))
        pass
    # retranslateUi

